/** Geometry in GeoJSON order: [longitude, latitude], WGS84 degrees. */
export type LngLat = [number, number];

/** A closed ring: first and last positions are equal (GeoJSON rule). */
export type Ring = LngLat[];

/** GeoJSON Polygon: the first ring is the outer boundary, further rings are holes. */
export interface Polygon {
  type: 'Polygon';
  coordinates: Ring[];
}

/** [minLng, minLat, maxLng, maxLat] */
export type BBox = [number, number, number, number];

/**
 * Any point the app hands us: a [lng, lat] pair, a {lng, lat} object, or a GeoJSON Point
 * (the case record stores `Place.point` as a GeoJSON Point).
 */
export type PointLike = LngLat | { lng: number; lat: number } | { type: 'Point'; coordinates: [number, number] };
