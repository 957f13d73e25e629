// Backup Reports (issue 19; docs/reference.md §16.3): the views Azure's workbook
// shows, computed from the diagnostic tables' rows (models/logs) as they stream by.

export { adherence, DAILY_UP_TO, WEEKLY_UP_TO } from './adherence.js';
export { type ItemRecord, type PolicyRecord, ReportsCollector } from './collect.js';
export * from './types.js';
export { backupReports, type ViewOptions } from './views.js';
