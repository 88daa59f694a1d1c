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

/** Great-circle distance in metres (haversine) — one implementation, in src/domain/geo. */
export { haversineM, EARTH_RADIUS_M } from '../geo/geo-measure';

export function point(lng: number, lat: number): GeoPoint {
  return { type: 'Point', coordinates: [lng, lat] };
}
