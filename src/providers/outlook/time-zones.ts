/**
 * Graph takes an event's zone as a Windows zone name ("SE Asia Standard Time"); Outlook clients show it best in that
 * form. Zones lichtruc's rosters use are mapped both ways; any other IANA name is sent as is (Graph accepts many).
 */
const WINDOWS_BY_IANA: Record<string, string> = {
  'Asia/Ho_Chi_Minh': 'SE Asia Standard Time',
  'Asia/Bangkok': 'SE Asia Standard Time',
  'Asia/Jakarta': 'SE Asia Standard Time',
  'Asia/Singapore': 'Singapore Standard Time',
  'Asia/Shanghai': 'China Standard Time',
  'Asia/Tokyo': 'Tokyo Standard Time',
  'Europe/Berlin': 'W. Europe Standard Time',
  'Europe/London': 'GMT Standard Time',
  UTC: 'UTC',
};

/** The roster's own IANA name wins on the way back, so a round trip never renames the zone. */
export function windowsZoneOf(iana: string): string {
  return WINDOWS_BY_IANA[iana] ?? iana;
}

export function ianaZoneOf(windows: string, preferred: string): string {
  if (windowsZoneOf(preferred) === windows) return preferred;
  return Object.entries(WINDOWS_BY_IANA).find(([, name]) => name === windows)?.[0] ?? windows;
}
