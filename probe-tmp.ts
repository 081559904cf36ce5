(Promise as any).withResolvers ??= function () { let resolve: any, reject: any; const promise = new Promise((a, b) => { resolve = a; reject = b; }); return { promise, resolve, reject }; };
const { default: nock } = await import('nock');
const { default: axios } = await import('axios');
nock('https://api.dingtalk.com').persist().post('/v1.0/gateway/connections/open').reply(200, (_u: string, body: unknown) => { console.log('body', body); return { endpoint: 'ws://x', ticket: 't' }; });
setTimeout(() => { console.log('hung'); process.exit(1); }, 5000).unref();
const res = await axios({ url: 'https://api.dingtalk.com/v1.0/gateway/connections/open', method: 'POST', responseType: 'json', data: { a: 1 }, headers: { Accept: 'application/json' } });
console.log('axios', res.data);
