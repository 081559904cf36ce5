import { describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { cdata, parseOuterXml, parseXml, passiveTextXml } from '../../../src/channels/wecom/xml.ts';
import { BadRequestError } from '../../../src/channels/bad-request.ts';

describe('wecom xml', () => {
  it('parses the outer envelope; AgentID is optional', () => {
    expect(parseOuterXml('<xml><ToUserName><![CDATA[wx1]]></ToUserName><Encrypt><![CDATA[abc=]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>')).toEqual({
      encrypt: 'abc=',
      toUserName: 'wx1',
      agentId: '218',
    });
    expect(parseOuterXml('<xml><Encrypt>abc=</Encrypt></xml>').agentId).toBeUndefined();
  });

  it('keeps a 64-bit MsgId as a string, exactly', () => {
    expect(parseXml('<xml><MsgId>18446744073709551615</MsgId></xml>').MsgId).toBe('18446744073709551615');
  });

  it('decodes entities in plain text and keeps CDATA verbatim', () => {
    const m = parseXml('<xml><A>x &lt; y &amp; z</A><B><![CDATA[ 会议 M7 接受 &amp; ]]></B></xml>');
    expect(m.A).toBe('x < y & z');
    expect(m.B).toBe(' 会议 M7 接受 &amp; ');
  });

  it('rejects malformed XML, a missing root, a missing Encrypt and DOCTYPE (400)', () => {
    for (const bad of ['<xml><Encrypt>abc</xml>', 'hello', '', '<root><Encrypt>a</Encrypt></root>', '<xml><ToUserName>x</ToUserName></xml>',
      '<!DOCTYPE xml [<!ENTITY e "boom">]><xml><Encrypt>&e;</Encrypt></xml>']) {
      let caught: unknown;
      try {
        parseOuterXml(bad);
      } catch (err) {
        caught = err;
      }
      expect(caught, bad).toBeInstanceOf(BadRequestError);
      expect((caught as BadRequestError).status).toBe(400);
    }
  });

  it('builds a passive reply that survives "]]>" and control characters', () => {
    const content = '注意 ]]><script>x</script> 结尾]]>\u0001';
    const xml = passiveTextXml({ toUser: 'zhang]]>san', fromCorp: 'wx1', createTime: 1700000000.7, content });
    const parsed = new XMLParser({ parseTagValue: false }).parse(xml).xml;
    expect(parsed.Content).toBe('注意 ]]><script>x</script> 结尾]]>');
    expect(parsed.ToUserName).toBe('zhang]]>san');
    expect(parsed.MsgType).toBe('text');
    expect(parsed.CreateTime).toBe('1700000000');
    expect(parseXml(xml).Content).toBe('注意 ]]><script>x</script> 结尾]]>');
  });

  it('cdata of plain text is a single section', () => {
    expect(cdata('你好')).toBe('<![CDATA[你好]]>');
  });
});
