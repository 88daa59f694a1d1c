/** GeoJSON Point: coordinates are [longitude, latitude] (WGS-84/GCJ-02 as delivered by the device). */
export interface GeoPoint {
  type: 'Point';
  coordinates: [number, number];
}

/** A point with the address people read. */
export interface Place {
  point: GeoPoint;
  address: string;
}

export const EARTH_RADIUS_M = 6_371_008.8; // mean Earth radius (IUGG)

const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres between two GeoJSON points (haversine). */
export function haversineM(a: GeoPoint, b: GeoPoint): number {
  const [lng1, lat1] = a.coordinates;
  const [lng2, lat2] = b.coordinates;
  const dLat = rad(lat2 - lat1);
  const dLng = rad(lng2 - lng1);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function point(lng: number, lat: number): GeoPoint {
  return { type: 'Point', coordinates: [lng, lat] };
}
