export {
  DASHBOARD_HOST,
  type DashboardApi,
  type DashboardServer,
  startDashboardServer,
} from './dashboard-server.ts';
export { localDashboardSources } from './local-dashboard-sources.ts';
