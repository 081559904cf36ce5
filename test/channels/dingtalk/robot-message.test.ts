import { describe, expect, it } from 'vitest';
import {
  ANSWER_NO_STAFF_ID, ANSWER_NOT_TEXT, interpret, robotMessageSchema, stripLeadingMentions,
} from '../../../src/channels/dingtalk/robot-message.ts';
import { robotMessage } from '../../fakes/dingtalk-server.ts';

const AT = new Date('2026-12-01T09:00:00+08:00');

describe('robot message', () => {
  it('turns a group @-message into an InboundMessage keyed by senderStaffId', () => {
    const msg = robotMessageSchema.parse(robotMessage({ msgId: 'msgA', senderId: '$:LWCP_v1:$enc', senderStaffId: 'staff-9' }));
    expect(interpret(msg, AT)).toEqual({
      kind: 'inbound',
      inbound: {
        channel: 'dingtalk', messageId: 'msgA', chatKind: 'group', chatId: 'cidGroupLiaison==',
        senderId: 'staff-9', text: '完成 T31 说明:已办结', receivedAt: AT,
      },
    });
  });

  it('uses the sender as the chat of a single chat (domain/types.ts contract)', () => {
    const msg = robotMessageSchema.parse(robotMessage({ conversationType: '1', conversationId: 'cidSingle', text: { content: '任务 我的' } }));
    const what = interpret(msg, AT);
    expect(what.kind === 'inbound' && what.inbound).toMatchObject({ chatKind: 'single', chatId: 'staff-tax-01', text: '任务 我的' });
  });

  it('strips every leading mention, whatever the space after it', () => {
    expect(stripLeadingMentions('@助手 @张三\u2005 企业 E12')).toBe('企业 E12');
    expect(stripLeadingMentions('\u3000@助手\u3000名册 档:2')).toBe('名册 档:2');
    expect(stripLeadingMentions('  帮助  ')).toBe('帮助');
    expect(stripLeadingMentions('登记 某公司 联系:@张三')).toBe('登记 某公司 联系:@张三');
  });

  it('answers non-text messages and senders without staffId instead of acting', () => {
    const picture = robotMessageSchema.parse(robotMessage({ msgtype: 'picture', text: undefined }));
    expect(interpret(picture, AT)).toEqual({ kind: 'answer', text: ANSWER_NOT_TEXT });
    const outsider = robotMessageSchema.parse(robotMessage({ senderStaffId: undefined }));
    expect(interpret(outsider, AT)).toEqual({ kind: 'answer', text: ANSWER_NO_STAFF_ID });
  });

  it('rejects bodies that are not robot messages', () => {
    expect(robotMessageSchema.safeParse({ msgtype: 'text' }).success).toBe(false);
    expect(robotMessageSchema.safeParse(robotMessage({ conversationType: '3' as '1' })).success).toBe(false);
  });
});
