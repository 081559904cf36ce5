/**
 * The platform-free vocabulary shared by the core, the channels and the commands.
 * Channels translate platform payloads into `InboundMessage` and deliver `OutboundMessage`s;
 * nothing in here knows about koa, WeCom or DingTalk wire formats.
 */

/** Which transport a message came through. `wecom` is the self-built app, `wecom-aibot` the 智能机器人. */
export type ChannelName = 'console' | 'wecom' | 'wecom-aibot' | 'wecom-kf' | 'dingtalk';

/** Platform families that carry their own user ids (a person may have one id on each). */
export type PlatformFamily = 'console' | 'wecom' | 'dingtalk';

export function familyOf(channel: ChannelName): PlatformFamily {
  if (channel === 'dingtalk') return 'dingtalk';
  if (channel === 'console') return 'console';
  return 'wecom';
}

export type ChatKind = 'group' | 'single';

export type Role = 'liaison' | 'director' | 'convener' | 'centerStaff' | 'admin' | 'courtContact';
export type CourtDepartment = 'trial' | 'enforcement';

/** Member-unit kinds. `other` covers units the documents name without a listing trigger. */
export const UNIT_KINDS = [
  'court', 'procuratorate', 'drc', 'miit', 'police', 'finance', 'tax', 'hrss', 'market', 'pboc', 'nfra',
  'nature', 'housing', 'approval', 'ecology', 'emergency', 'investment', 'petition', 'medical', 'commerce',
  'bank', 'other',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export interface Unit {
  /** Stable config id, e.g. `tax`. */
  id: string;
  /** Display name, e.g. 区税务局. */
  name: string;
  /** Short names people type, e.g. 税务局, 税务. */
  aliases: string[];
  kind: UnitKind;
}

export interface Person {
  id: string;
  /** A role placeholder such as 区税务局联络员 — never a real person's name. */
  name: string;
  roles: Role[];
  /** The member unit a liaison speaks for. */
  unitId?: string;
  /** Platform user ids: WeCom userid, DingTalk staffId, console handle. */
  ids: Partial<Record<PlatformFamily, string>>;
  /** The court departments (审判, 执行) whose contact this person is. */
  courtDepartments?: CourtDepartment[];
}

/** A configured group chat. Only configured groups ever see enterprise data. */
export interface GroupChat {
  id: string;
  name: string;
  purpose: 'liaison' | 'center' | 'other';
  /** Platform chat ids of this group. */
  ids: Partial<Record<PlatformFamily, string>>;
  /** WeCom message-push webhook key / DingTalk custom-robot token for pushes into the group. */
  webhook?: { wecomKey?: string; dingtalkToken?: string; dingtalkSecret?: string };
}

/** One normalized inbound chat message, whatever platform it came from. */
export interface InboundMessage {
  channel: ChannelName;
  /** Platform message id; the de-duplication key together with `channel`. */
  messageId: string;
  chatKind: ChatKind;
  /** Platform chat id: the group's id, or for single chats the sender's id. */
  chatId: string;
  /** Platform user id of the sender (WeCom userid, DingTalk staffId, console handle). */
  senderId: string;
  /** Text with any leading "@bot" mention removed. */
  text: string;
  receivedAt: Date;
  /** Set when the text was produced by a card button rather than typed. */
  viaCard?: { cardId: string; buttonKey: string };
  /** A file the person sent (a unit's list as .xlsx); `text` is then a command word such as 导入. */
  attachment?: InboundAttachment;
}

/**
 * A file that came with a message. `fetch` downloads it from the platform; it is not data, so a
 * stored copy of the message (a deferred message kept for a restart) has the name only.
 */
export interface InboundAttachment {
  name: string;
  fetch?: () => Promise<Uint8Array>;
}

/** Who an outbound message goes to. */
export type Recipient =
  | { kind: 'person'; personId: string }
  | { kind: 'group'; groupId: string }
  /** An external WeChat customer of the 微信客服 (rescue-center intake). */
  | { kind: 'external'; externalUserId: string; openKfId: string };

/** A button that, when clicked, runs `command` as if the clicker had typed it. */
export interface CardButton {
  key: string;
  text: string;
  command: string;
  style?: 'primary' | 'default' | 'danger';
}

/** An interactive notice (WeCom template_card / DingTalk action card). */
export interface CardSpec {
  /** Stable id of the card, used to update it after a click (e.g. `task-T31-2`). */
  cardId: string;
  title: string;
  description: string;
  buttons: CardButton[];
}

/** What the bot answers to the sender's own chat. */
export interface Reply {
  text: string;
  mentions?: string[];
  card?: CardSpec;
}

/**
 * What a queued message states about a meeting or a task, so that the outbox can withdraw it when
 * a later change has made it false before it could be sent (src/outbox/stale.ts).
 */
export type MessageSubject =
  | { kind: 'meeting'; id: string; time: string }
  | { kind: 'task'; id: string; deadline: string };

export interface OutboundMessage {
  to: Recipient;
  /** Markdown-flavoured Chinese text; renderers adapt it per platform and byte limit. */
  text: string;
  /** People to @-mention (group messages). */
  mentions?: string[];
  card?: CardSpec;
  /** A file to attach (exported spreadsheet, document). */
  file?: { name: string; path: string };
  /** Never send two messages with the same key. Derived from the cause: message id, job occurrence … */
  idempotencyKey: string;
  /** Send on this platform if it can reach the recipient: a reply goes back where the person wrote. */
  via?: PlatformFamily;
  /** The meeting time or the open task the text states; checked again just before sending. */
  about?: MessageSubject;
}
