import type { Channel } from '../org-types';

/**
 * Intake channels. Each record is one channel with its own `_id` (its identity: cases carry it as `channelId`,
 * idempotency and Open311 reads are scoped by it) and its own key; `code` is its kind (labels, statistics), shared by
 * every partner unit. The Open311 api keys here are for local development only (not secrets); deployed keys come
 * from configuration.
 */
export const CHANNELS: Channel[] = [
  { _id: 'ch-miniapp', code: 'miniapp', name: '随手拍（小程序）' },
  { _id: 'ch-12345', code: 'hotline12345', name: '12345便民服务平台', apiKey: 'dev-open311-12345' },
  { _id: 'ch-grid', code: 'grid', name: '网格化平台', apiKey: 'dev-open311-grid' },
  { _id: 'ch-dcm', code: 'dcm', name: '数字城管', apiKey: 'dev-open311-dcm' },
  { _id: 'ch-partner-swjt', code: 'partner', name: '福州市水务集团', cityUnitId: 'city-swjt', apiKey: 'dev-open311-swjt' },
  { _id: 'ch-partner-gdgs', code: 'partner', name: '国网福州供电公司', cityUnitId: 'city-gdgs', apiKey: 'dev-open311-gdgs' },
];

/**
 * Subscribe-message template keys (names only; the template IDs come from configuration).
 * The value is what the message is about, shown to administrators mapping IDs.
 */
export const SUBSCRIBE_TEMPLATES = {
  newOrder: '新派单提醒',
  respondWarning: '签收即将超时提醒',
  assignWarning: '分派即将超时提醒',
  newCall: '一线呼叫通知',
  checkinReminder: '报到提醒',
  dueWarning: '办理临期提醒',
  overdue: '逾期提醒',
  caseReturned: '退单通知',
  hardCase: '疑难件交办通知',
  resolvedRate: '办结评价邀请',
  progress: '诉求进展通知',
} as const;

export type SubscribeTemplateKey = keyof typeof SUBSCRIBE_TEMPLATES;
