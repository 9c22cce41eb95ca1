import type { Alert } from '@vigil/core';

/** A firing alert with no signals or notes: what a channel renders at the least. */
export const QUIET_ALERT = {
  id: 'ep-20240501T1300.1.firing.0a1b2c3d',
  incidentId: 'ep-20240501T1300',
  status: 'firing',
  severity: 'warning',
  title: '[FIRING] ep: vigil_violations = 2 > 0',
  endpoint: 'ep',
  signals: [],
  transition: { from: 'OK', to: 'ALARM' },
  actionTaken: 'None.',
  notes: [],
  at: '2024-05-01T13:30:00.000Z',
} satisfies Alert;
