#!/bin/sh
# Installs (or upgrades to) the unpacked bundle this script sits in, as root, with no network:
#   sudo ./deploy/install.sh
# Layout: /opt/fuyuan-bot/releases/<version>/ (this folder, copied), /opt/fuyuan-bot/current → the
# active release, /var/lib/fuyuan-bot (data), /etc/fuyuan-bot/{env,config.yaml} (kept on upgrade).
# Rollback: point `current` at the previous release and restart (README 部署).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
version=$(node -p "require('$here/package.json').version")
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a===20&&b>=19||a===22&&b>=12||a>=24?0:1)' \
  || { echo "需要 Node.js 20.19 以上（20、22 或 24 LTS），当前为 $(node --version)"; exit 1; }

id fuyuan >/dev/null 2>&1 || useradd --system --home-dir /var/lib/fuyuan-bot --shell /usr/sbin/nologin fuyuan
install -d -o fuyuan -g fuyuan -m 750 /var/lib/fuyuan-bot /var/log/fuyuan-bot
install -d -m 755 /opt/fuyuan-bot/releases
install -d -o root -g fuyuan -m 750 /etc/fuyuan-bot

release=/opt/fuyuan-bot/releases/$version
if [ "$here" != "$release" ]; then
  rm -rf "$release.tmp" && cp -a "$here" "$release.tmp" && rm -rf "$release" && mv "$release.tmp" "$release"
fi
[ -f /etc/fuyuan-bot/env ] || install -o root -g fuyuan -m 640 "$release/deploy/fuyuan-bot.env.example" /etc/fuyuan-bot/env
[ -f /etc/fuyuan-bot/config.yaml ] || install -o root -g fuyuan -m 640 "$release/config/demo.yaml" /etc/fuyuan-bot/config.yaml
install -m 644 "$release/deploy/fuyuan-bot.service" /etc/systemd/system/fuyuan-bot.service
install -m 644 "$release/deploy/logrotate.conf" /etc/logrotate.d/fuyuan-bot
# `fuyuan-cli check-config | backup | restore | calendar …`: the admin CLI as the service user, with
# the service's environment file (secrets stay in /etc/fuyuan-bot/env).
cat > /usr/local/bin/fuyuan-cli <<'CLI'
#!/bin/sh
exec systemd-run --quiet --pipe --wait --collect -p EnvironmentFile=/etc/fuyuan-bot/env -p User=fuyuan \
  -p WorkingDirectory=/opt/fuyuan-bot/current /usr/bin/env node /opt/fuyuan-bot/current/dist/src/cli/index.js "$@"
CLI
chmod 755 /usr/local/bin/fuyuan-cli
ln -sfn "$release" /opt/fuyuan-bot/current.new && mv -T /opt/fuyuan-bot/current.new /opt/fuyuan-bot/current
systemctl daemon-reload
echo "已安装 $version 到 $release（/opt/fuyuan-bot/current 指向它）。"
echo "首次安装：编辑 /etc/fuyuan-bot/env 和 /etc/fuyuan-bot/config.yaml，然后 systemctl enable --now fuyuan-bot"
echo "升级：systemctl restart fuyuan-bot"
