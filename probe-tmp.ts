const { FakeStreamGateway } = await import('./test/fakes/dingtalk-server.ts');
const { DWClient } = await import('dingtalk-stream');
const gateway = await FakeStreamGateway.start();
const client = new DWClient({ clientId: 'k', clientSecret: 's', debug: true });
setTimeout(() => { console.log('still waiting', client.connected); process.exit(1); }, 8000).unref();
await client.connect();
console.log('connected', client.connected);
client.disconnect(); await gateway.close();
