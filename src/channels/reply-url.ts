/**
 * A reply URL that arrives inside a callback (DingTalk's sessionWebhook, the WeCom 智能机器人's
 * response_url) is attacker-controlled input until proven otherwise: DingTalk signs only the
 * timestamp, not the body, so a forged body can name any URL, and whatever we post there (a roster,
 * an enterprise's file) leaves the platform. Such a URL is used only when its scheme and host
 * (with port) are those of the configured platform base (DINGTALK_OAPI_BASE, WECOM_API_BASE);
 * everything else goes through the token-authenticated API instead.
 */
export function isPlatformUrl(url: string, platformBase: string): boolean {
  let target: URL;
  let base: URL;
  try {
    target = new URL(url);
    base = new URL(platformBase);
  } catch {
    return false;
  }
  return target.protocol === base.protocol && target.host === base.host && !target.username && !target.password;
}

/** What a warning may say about a refused URL: its host, never its query (it may carry a session key). */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(不合法的网址)';
  }
}
