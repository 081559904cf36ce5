/** The DingTalk channel's public surface, for the app wiring. */
export { DingtalkApiClient, CustomRobotClient, type RobotApi, type DingtalkApiOptions } from './api-client.ts';
export { dingtalkRobotRoutes, type RobotCallbackDeps, type RobotCallbackRoutes } from './robot-callback.ts';
export { DingtalkSender, type DingtalkSenderDeps } from './sender.ts';
export { setupDingtalk, type DingtalkSetup } from './setup.ts';
export { startDingtalkStream, type DingtalkStream, type DingtalkStreamDeps } from './stream.ts';
