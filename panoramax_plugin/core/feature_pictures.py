"""Look at my assets: the Panoramax pictures that show features of the user's own layer.

Pure Python (no Qt, no QGIS). The QGIS side turns the selected features into
``Target`` values (WGS84) and shows the ``Candidate`` lists.

**Which point of a feature a picture must see** (``target_point_for``):

- a point: the point itself (a multi-point: the nearest of its points);
- a line: the point of the line nearest the picture (every part considered);
- a polygon: if the picture was taken inside it (holes excluded), the picture's own
  position; otherwise, if the polygon is small (the larger side of its bounding box is
  at most ``SMALL_POLYGON_M``, 30 m: a bus shelter, a building), its centre (the area
  centroid of its outer rings); otherwise the nearest point of its outline.

A flat picture shows the feature when that point lies inside its horizontal field of
view (the picture's own ``field_of_view``, else ``DEFAULT_HFOV``, 70°); a 360° picture
always does, and the viewer turns toward it (``Candidate.yaw``).

**How pictures are searched** (one request per feature):

- a single point: a GeoVisio *place search* (``place_position``/``place_distance``), which
  keeps the pictures facing the point, nearest first. GeoVisio measures its
  ``place_fov_tolerance`` in longitude/latitude degrees, not on the ground (checked on
  GeoVisio 2.15.1: at 42.6° N a picture 15 m away with the point 19° off its heading
  passes a 30° tolerance, one 11 m away and 25° off fails), so a flat picture facing
  north that sees the point 30° off-centre can fail a 60° tolerance. The plugin asks for
  ``PLACE_FOV_TOLERANCE`` (180°: the point in front of the camera) and checks the real
  field of view itself. The answer is sorted by distance in degrees too (only the
  ``place_distance`` filter is on the ground), so candidates are re-ranked here;
- a line, a polygon or a multi-point: a bounding-box search of the feature's box grown
  by the search distance, then the rule above per picture. A place search at the
  feature's centre would drop pictures that look at one end of a long line but away
  from its centre.

Bearings and distances go through ``_ground`` only (haversine today), so that an
ellipsoidal version can replace it in one place.
"""

from __future__ import annotations

import math
import threading
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, replace
from datetime import datetime, timezone

from .camera import wrap_yaw
from .errors import PanoramaxError
from .geometry import EARTH_RADIUS_M, bearing_deg, distance_m
from .i18n import translate
from .models import Picture, is_position

SMALL_POLYGON_M = 30.0
"""A polygon whose bounding box is at most this wide and tall (metres) is aimed at its centre."""
DEFAULT_HFOV = 70.0
"""Horizontal field of view (degrees) of a flat picture that does not give its own."""
PLACE_FOV_TOLERANCE = 180.0
"""``place_fov_tolerance`` sent with a place search: the point anywhere in front of the
camera (the server measures angles in degrees of longitude/latitude; see above)."""
DEFAULT_MAX_DISTANCE_M = 30.0
POINT_SEARCH_LIMIT = 100
"""Pictures asked per place search (they come nearest first)."""
AREA_SEARCH_LIMIT = 1000
"""Pictures asked per bounding-box search (a line's box also holds pictures facing away)."""
MAX_WORKERS = 4
"""Concurrent searches of ``pictures_of_features``: polite to the instance."""
NEAREST_SEARCH_LIMIT = 100
NEAREST_WIDEN_FACTOR = 4.0
SAME_PLACE_M = 0.05
"""Below this distance the picture stands on the target point: it looks "straight at" it."""

# "best" ranking (see ``best_score``)
SWEET_SPOT_M = 6.0
"""The distance that scores best: close enough for detail, far enough to see the whole."""
DISTANCE_SCALE_M = 10.0
DATE_HALF_LIFE_YEARS = 3.0
ACCURACY_SCALE_M = 5.0
GOOD_PIXEL_DENSITY = 30.0
"""Horizontal pixels per degree from which a picture counts as sharp (a 4000 px, 70° flat
picture has ~57; a 5760 px 360° one ~16)."""
WEIGHTS = {"distance": 0.4, "angle": 0.25, "date": 0.15, "quality": 0.2}
SORTS = ("best", "distance", "date", "quality")
KINDS = ("point", "line", "polygon")


class TargetError(PanoramaxError):
    """A feature whose geometry cannot be searched (empty, degenerate, off the globe)."""


class SearchCanceled(PanoramaxError):
    """The user canceled before this feature was searched."""


# ---------------------------------------------------------------------------- targets
def _name(kind, feature_id, label) -> str:
    if label:
        return str(label)
    if feature_id is not None:
        return str(feature_id)
    return str(kind)


def _target_error(kind, feature_id, label, reason: str) -> TargetError:
    return TargetError(
        translate(
            "PanoramaxCore",
            "The feature {name} cannot be searched for pictures: {reason}",
        ).format(name=_name(kind, feature_id, label), reason=reason)
    )


def _distinct(vertices) -> list:
    """The vertices without consecutive repeats (and without a ring's closing vertex)."""
    out = []
    for vertex in vertices:
        if not out or vertex != out[-1]:
            out.append(vertex)
    if len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


@dataclass(frozen=True)
class Target:
    """A feature to look for, in WGS84.

    ``kind``: ``"point"``, ``"line"`` or ``"polygon"``. ``parts``: its parts, each a
    sequence of ``(lon, lat)``: one vertex per point, a path per line, a ring per polygon
    (outer rings and holes alike; a ring inside another one is a hole). A point is one
    part with one vertex. Bad geometries raise ``TargetError`` at construction.
    """

    kind: str
    parts: tuple
    feature_id: object = None
    label: str | None = None

    def __post_init__(self):
        kind, fid, label = self.kind, self.feature_id, self.label
        if kind not in KINDS:
            raise ValueError(f"Target kind must be one of {KINDS}, got {kind!r}")
        try:
            parts = tuple(
                tuple((float(v[0]), float(v[1])) for v in part) for part in (self.parts or ())
            )
        except (TypeError, ValueError, IndexError) as exc:
            raise _target_error(
                kind, fid, label, translate("PanoramaxCore", "its coordinates are not numbers.")
            ) from exc
        if not parts or any(not part for part in parts):
            raise _target_error(
                kind, fid, label, translate("PanoramaxCore", "its geometry is empty.")
            )
        if not all(is_position(lon, lat) for part in parts for lon, lat in part):
            raise _target_error(
                kind,
                fid,
                label,
                translate("PanoramaxCore", "its coordinates are not longitudes and latitudes."),
            )
        needed = {"point": 1, "line": 2, "polygon": 3}[kind]
        for part in parts:
            distinct = _distinct(part)
            if kind == "point" and len(part) != 1:
                degenerate = True
            elif len(distinct) < needed:
                degenerate = True
            elif kind == "polygon":
                degenerate = abs(_ring_area(_to_plane(distinct, *distinct[0]))) < 1e-4
            else:
                degenerate = False
            if degenerate:
                raise _target_error(
                    kind,
                    fid,
                    label,
                    translate(
                        "PanoramaxCore",
                        "one of its parts is degenerate (too few distinct vertices, or no area).",
                    ),
                )
        object.__setattr__(self, "parts", parts)

    def bbox(self) -> tuple:
        """``(west, south, east, north)`` of every vertex."""
        lons = [lon for part in self.parts for lon, _lat in part]
        lats = [lat for part in self.parts for _lon, lat in part]
        return min(lons), min(lats), max(lons), max(lats)

    @property
    def is_single_point(self) -> bool:
        return self.kind == "point" and len(self.parts) == 1


# Local tangent plane: metres east (x) and north (y) of an origin; fine within a few km.
_M_PER_DEG = math.pi / 180.0 * EARTH_RADIUS_M


def _to_plane(vertices, lon0: float, lat0: float) -> list:
    k = math.cos(math.radians(lat0)) * _M_PER_DEG
    return [(wrap_yaw(lon - lon0) * k, (lat - lat0) * _M_PER_DEG) for lon, lat in vertices]


def _from_plane(x: float, y: float, lon0: float, lat0: float) -> tuple:
    k = math.cos(math.radians(lat0)) * _M_PER_DEG
    lon = lon0 + (x / k if k > 0 else 0.0)
    lon = wrap_yaw(lon) if not -180.0 <= lon <= 180.0 else lon
    return lon, max(-90.0, min(90.0, lat0 + y / _M_PER_DEG))


def _ring_area(ring) -> float:
    """Signed (shoelace) area of a planar ring."""
    return 0.5 * sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]))


def _ring_centroid(ring) -> tuple:
    area = _ring_area(ring)
    cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        cross = x1 * y2 - x2 * y1
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    return cx / (6 * area), cy / (6 * area), abs(area)


def _inside_ring(x: float, y: float, ring) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _inside(x: float, y: float, rings) -> bool:
    """Even-odd rule over every ring: holes and multi-polygons come out right."""
    return sum(_inside_ring(x, y, ring) for ring in rings) % 2 == 1


def _nearest_on_segment(ax, ay, bx, by) -> tuple:
    """The point of segment AB nearest the origin, and its squared distance."""
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / length2))
    px, py = ax + t * dx, ay + t * dy
    return px, py, px * px + py * py


def _nearest_on_paths(paths, closed: bool) -> tuple:
    best = None
    for path in paths:
        vertices = path + path[:1] if closed else path
        if len(vertices) == 1:
            x, y = vertices[0]
            found = (x, y, x * x + y * y)
        else:
            found = min(
                (_nearest_on_segment(*a, *b) for a, b in zip(vertices, vertices[1:])),
                key=lambda f: f[2],
            )
        if best is None or found[2] < best[2]:
            best = found
    return best[0], best[1]


def polygon_extent_m(target: Target) -> float:
    """The larger side (metres) of a polygon's bounding box (small ones: aimed at the centre)."""
    west, south, east, north = target.bbox()
    mid = (south + north) / 2.0
    width = wrap_yaw(east - west) * math.cos(math.radians(mid)) * _M_PER_DEG
    return max(abs(width), (north - south) * _M_PER_DEG)


def polygon_centroid(target: Target) -> tuple:
    """(lon, lat) of the area centroid of a polygon's outer rings (holes not removed)."""
    lon0, lat0 = target.parts[0][0]
    rings = [_to_plane(_distinct(part), lon0, lat0) for part in target.parts]
    outer = [r for i, r in enumerate(rings) if not _inside(*r[0], rings[:i] + rings[i + 1 :])]
    sx = sy = total = 0.0
    for ring in outer or rings:
        cx, cy, area = _ring_centroid(ring)
        sx, sy, total = sx + cx * area, sy + cy * area, total + area
    return _from_plane(sx / total, sy / total, lon0, lat0)


def target_point_for(target: Target, lon: float, lat: float) -> tuple:
    """The point of ``target`` a picture taken at ``(lon, lat)`` must show: ``(lon, lat)``.

    - point: the point itself (multi-point: the nearest one);
    - line: the nearest point of the line (all parts);
    - polygon: the picture's own position when it stands inside (even-odd rule: holes
      are outside); else the area centroid of the outer rings when the polygon's
      bounding box is at most ``SMALL_POLYGON_M`` metres on its larger side; else the
      nearest point of its outline (all rings).

    Distances are taken in a local tangent plane around the picture (metres).
    """
    if target.kind == "point" and len(target.parts) == 1:
        return target.parts[0][0]
    paths = [_to_plane(_distinct(part) or part, lon, lat) for part in target.parts]
    if target.kind == "polygon":
        if _inside(0.0, 0.0, paths):
            return lon, lat
        if polygon_extent_m(target) <= SMALL_POLYGON_M:
            return polygon_centroid(target)
        x, y = _nearest_on_paths(paths, closed=True)
    else:
        x, y = _nearest_on_paths(paths, closed=False)
    return _from_plane(x, y, lon, lat)


# ---------------------------------------------------------------------------- candidates
def _ground(lon1: float, lat1: float, lon2: float, lat2: float) -> tuple:
    """(distance in metres, azimuth in degrees from north) from point 1 to point 2.

    The one place that measures on the ground (haversine, spherical initial bearing);
    swap it for an ellipsoidal version here."""
    return distance_m(lon1, lat1, lon2, lat2), bearing_deg(lon1, lat1, lon2, lat2)


@dataclass(frozen=True)
class Candidate:
    """A picture that may show the target, and where to look in it.

    ``distance_m``/``azimuth``: camera to target point on the ground (azimuth in degrees
    from north). ``yaw``: the azimuth relative to the picture's heading, in
    ``[-180, 180)`` (what ``Camera.yaw`` takes). ``off_centre_deg``: ``abs(yaw)`` for a
    flat picture, 0 for a 360° one. ``visible``: 360°, always; flat, when
    ``abs(yaw) <= hfov / 2``. ``score``: the "best" ranking score in [0, 1].
    """

    picture: Picture
    target_lon: float
    target_lat: float
    distance_m: float
    azimuth: float
    yaw: float
    off_centre_deg: float
    visible: bool
    score: float = 0.0


def horizontal_fov(picture: Picture) -> float:
    fov = picture.field_of_view
    if fov is None or not math.isfinite(fov) or not 0.0 < fov < 360.0:
        return DEFAULT_HFOV
    return fov


def make_candidate(picture: Picture, target: Target, now: datetime | None = None) -> Candidate:
    """The candidate of one picture for one target (visible or not), scored."""
    tlon, tlat = target_point_for(target, picture.lon, picture.lat)
    distance, azimuth = _ground(picture.lon, picture.lat, tlon, tlat)
    heading = picture.heading if picture.heading is not None else 0.0
    if distance < SAME_PLACE_M:
        azimuth = heading % 360.0  # standing on the target: look ahead
    yaw = wrap_yaw(azimuth - heading)
    if picture.is_360:
        off_centre, visible = 0.0, True
    else:
        off_centre = abs(yaw)
        visible = picture.heading is not None and off_centre <= horizontal_fov(picture) / 2.0
    candidate = Candidate(picture, tlon, tlat, distance, azimuth, yaw, off_centre, visible)
    return _with_score(candidate, now)


def _years(picture: Picture, now: datetime) -> float | None:
    when = picture.captured_at
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (now - when).total_seconds() / (365.25 * 86400))


def quality_score(picture: Picture) -> float:
    """[0, 1]: GPS accuracy (5 m scores 0.5) and pixel density (30 px/° scores 1), averaged;
    an unknown value counts 0.5."""
    accuracy = picture.horizontal_accuracy
    acc = 0.5 if accuracy is None else 1.0 / (1.0 + max(0.0, accuracy) / ACCURACY_SCALE_M)
    density = picture.pixel_density
    den = 0.5 if density is None else min(1.0, max(0.0, density) / GOOD_PIXEL_DENSITY)
    return (acc + den) / 2.0


def best_score(candidate: Candidate, now: datetime | None = None) -> float:
    """The "best" ranking, in [0, 1] (higher is better), a weighted sum (``WEIGHTS``) of:

    - distance: 1 at ``SWEET_SPOT_M`` (6 m), ``1 / (1 + |d - 6| / 10)`` around it;
    - angle: ``1 - off_centre / 90`` (a 360° picture scores 1: it turns to the target);
    - date: halves every ``DATE_HALF_LIFE_YEARS`` (3) years of age (unknown: 0.5);
    - quality: ``quality_score`` (GPS accuracy and pixel density).
    """
    now = now or datetime.now(timezone.utc)
    dist = 1.0 / (1.0 + abs(candidate.distance_m - SWEET_SPOT_M) / DISTANCE_SCALE_M)
    angle = max(0.0, 1.0 - candidate.off_centre_deg / 90.0)
    years = _years(candidate.picture, now)
    date = 0.5 if years is None else 0.5 ** (years / DATE_HALF_LIFE_YEARS)
    quality = quality_score(candidate.picture)
    return (
        WEIGHTS["distance"] * dist
        + WEIGHTS["angle"] * angle
        + WEIGHTS["date"] * date
        + WEIGHTS["quality"] * quality
    )


def _with_score(candidate: Candidate, now) -> Candidate:
    return replace(candidate, score=round(best_score(candidate, now), 6))


def rank_candidates(candidates, sort: str = "best") -> list:
    """A new list, best first. ``sort``: ``"best"`` (``Candidate.score``, see
    ``best_score``), ``"distance"`` (nearest), ``"date"`` (most recent; undated last) or
    ``"quality"`` (``quality_score``). Ties go to the nearer picture, then the picture id."""
    if sort not in SORTS:
        raise ValueError(f"sort must be one of {SORTS}, got {sort!r}")

    def tie(c):
        return (c.distance_m, c.picture.id)

    if sort == "best":
        key = lambda c: (-c.score, *tie(c))  # noqa: E731
    elif sort == "distance":
        key = tie
    elif sort == "quality":
        key = lambda c: (-quality_score(c.picture), *tie(c))  # noqa: E731
    else:

        def key(c):
            when = c.picture.captured_at
            if when is None:
                return (1, 0.0, *tie(c))
            if when.tzinfo is None:
                when = when.replace(tzinfo=timezone.utc)
            return (0, -when.timestamp(), *tie(c))

    return sorted(candidates, key=key)


class Candidates(list):
    """The candidates of one target, ranked; ``capped``: the server's answer was full,
    so farther pictures may be missing (lower the distance)."""

    capped: bool = False


def grow_bbox(bbox, metres: float) -> tuple:
    """``(west, south, east, north)`` grown by ``metres`` on every side (clamped to the globe)."""
    west, south, east, north = bbox
    dlat = metres / _M_PER_DEG
    widest = max(abs(south), abs(north)) + dlat
    cos = math.cos(math.radians(min(widest, 89.9)))
    dlon = metres / (_M_PER_DEG * cos)
    return (
        max(-180.0, west - dlon),
        max(-90.0, south - dlat),
        min(180.0, east + dlon),
        min(90.0, north + dlat),
    )


def _check_distances(min_distance_m, max_distance_m) -> tuple:
    low, high = float(min_distance_m), float(max_distance_m)
    if not (math.isfinite(low) and math.isfinite(high) and 0.0 <= low <= high and high > 0):
        raise ValueError(f"need 0 <= min_distance_m <= max_distance_m, got {low}, {high}")
    return low, high


def find_pictures(
    client,
    target: Target,
    *,
    max_distance_m: float = DEFAULT_MAX_DISTANCE_M,
    min_distance_m: float = 0.0,
    limit_per_target: int | None = None,
    include_flat: bool = True,
    include_360: bool = True,
    cancel=None,
    sort: str = "best",
    now: datetime | None = None,
) -> Candidates:
    """The pictures that show ``target`` within ``min``-``max`` metres, ranked by ``sort``.

    One search request (see the module's docstring). Flat pictures that do not see the
    target point are dropped. ``limit_per_target``: pictures asked of the server
    (default ``POINT_SEARCH_LIMIT`` for a point, ``AREA_SEARCH_LIMIT`` otherwise).
    ``cancel()`` true before the request raises ``SearchCanceled``. HTTP and answer
    problems raise the client's typed errors (``PanoramaxError``).
    """
    low, high = _check_distances(min_distance_m, max_distance_m)
    if cancel is not None and cancel():
        raise SearchCanceled(translate("PanoramaxCore", "The picture search was canceled."))
    if target.is_single_point:
        lon, lat = target.parts[0][0]
        limit = limit_per_target or POINT_SEARCH_LIMIT
        result = client.search_place(
            lon, lat, distance=(low, high), fov_tolerance=PLACE_FOV_TOLERANCE, limit=limit
        )
    else:
        limit = limit_per_target or AREA_SEARCH_LIMIT
        result = client.search(bbox=grow_bbox(target.bbox(), high), limit=limit)
    now = now or datetime.now(timezone.utc)
    found = []
    for picture in result.pictures:
        if not (include_360 if picture.is_360 else include_flat):
            continue
        candidate = make_candidate(picture, target, now)
        if candidate.visible and low <= candidate.distance_m <= high:
            found.append(candidate)
    ranked = Candidates(rank_candidates(found, sort))
    ranked.capped = result.capped
    return ranked


# ---------------------------------------------------------------------------- many features
def pictures_of_features(
    client_factory,
    targets,
    *,
    workers: int = MAX_WORKERS,
    progress=None,
    cancel=None,
    executor_factory=None,
    **options,
) -> dict:
    """``{feature_id: Candidates or the exception}`` for each target, one search each.

    ``executor_factory(workers)`` makes the ``concurrent.futures``-like executor the
    searches run in (``submit``, ``shutdown``); default: Python threads. Inside QGIS the
    clients send through QGIS networking, which needs Qt threads
    (``background.qthreads.QThreadExecutor``).

    ``client_factory()`` makes one ``PanoramaxClient`` per worker thread (its own HTTP
    session); at most ``min(workers, MAX_WORKERS)`` searches run at once. The instance is
    discovered once (none if the factory's clients already know it) and shared. An error
    for one target (5xx, timeout, bad geometry...) is stored as that target's value; the
    others go on. ``progress(done, total)`` and ``cancel()`` are called in the calling
    thread between targets; after a cancel, targets not started are left out of the
    result. A target without ``feature_id`` is keyed by its index in ``targets``.
    ``options`` go to ``find_pictures``.
    """
    targets = list(targets)
    keys = [t.feature_id if t.feature_id is not None else i for i, t in enumerate(targets)]
    if len(set(keys)) != len(keys):
        raise ValueError("feature ids must be unique")
    results: dict = {}
    if not targets:
        return results
    workers = max(1, min(int(workers), MAX_WORKERS, len(targets)))
    local = threading.local()
    lock = threading.Lock()
    shared: dict = {"instance": None, "clients": []}

    def client():
        made = getattr(local, "client", None)
        if made is None:
            made = client_factory()
            local.client = made
            with lock:
                shared["clients"].append(made)
        if made.instance is None:
            with lock:  # one discovery for every worker
                if shared["instance"] is None:
                    shared["instance"] = made.discover()
                made.use_instance(shared["instance"])
        return made

    def run(target):
        return find_pictures(client(), target, cancel=cancel, **options)

    canceled = False
    pending: dict = {}
    queue = list(zip(keys, targets))
    queue.reverse()
    done = 0
    pool = (executor_factory or _python_threads)(workers)
    try:
        while queue or pending:
            while queue and len(pending) < workers and not canceled:
                if cancel is not None and cancel():
                    canceled = True
                    break
                key, target = queue.pop()
                pending[pool.submit(run, target)] = key
            if not pending:
                break
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                key = pending.pop(future)
                try:
                    results[key] = future.result()
                except SearchCanceled:
                    canceled = True
                except Exception as exc:  # kept per target: the others go on
                    results[key] = exc
                done += 1
            if progress is not None:
                progress(done, len(targets))
            if canceled:
                queue.clear()
    finally:
        pool.shutdown(wait=True)
        for made in shared["clients"]:
            session = getattr(getattr(made, "http", None), "session", None)
            if session is not None:
                session.close()
    return results


def _python_threads(workers: int) -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=workers, thread_name_prefix="panoramax-assets")


# ---------------------------------------------------------------------------- map click
def nearest_picture(
    client,
    lon: float,
    lat: float,
    radius_m: float,
    *,
    limit: int = NEAREST_SEARCH_LIMIT,
    include_flat: bool = True,
    include_360: bool = True,
) -> Picture | None:
    """The picture nearest ``(lon, lat)`` on the ground, within ``radius_m``; else None.

    A bounding-box search around the point (GeoVisio sorts it by distance in degrees,
    which is not the distance on the ground away from the equator, so the distances are
    computed here over the whole answer); when nothing lies within the radius, one more
    search ``NEAREST_WIDEN_FACTOR`` times wider. At most two requests.
    """
    if not is_position(lon, lat):
        raise ValueError(f"Not a WGS84 position: {lon!r}, {lat!r}")
    if not (math.isfinite(radius_m) and radius_m > 0):
        raise ValueError(f"radius_m must be positive, got {radius_m!r}")
    for radius in (radius_m, radius_m * NEAREST_WIDEN_FACTOR):
        result = client.search(bbox=grow_bbox((lon, lat, lon, lat), radius), limit=limit)
        best, best_distance = None, radius
        for picture in result.pictures:
            if not (include_360 if picture.is_360 else include_flat):
                continue
            distance = _ground(lon, lat, picture.lon, picture.lat)[0]
            if distance <= best_distance:
                best, best_distance = picture, distance
        if best is not None:
            return best
    return None


__all__ = [
    "AREA_SEARCH_LIMIT",
    "Candidate",
    "Candidates",
    "DEFAULT_HFOV",
    "MAX_WORKERS",
    "PLACE_FOV_TOLERANCE",
    "SMALL_POLYGON_M",
    "SearchCanceled",
    "Target",
    "TargetError",
    "best_score",
    "find_pictures",
    "make_candidate",
    "nearest_picture",
    "pictures_of_features",
    "polygon_centroid",
    "rank_candidates",
    "target_point_for",
]
