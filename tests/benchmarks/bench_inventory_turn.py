"""BENCH inventory_turn_toward_*: "look at my assets" end to end on the local instance.

Two synthetic 360° streets (4096×2048, 6 pictures each, 4 known objects beside them) are
uploaded fresh, read back through ``PanoramaxClient`` (position, heading, 360° flag as the
server reports them), their ``sd`` files downloaded through the API, and every (picture,
object) pair is opened turned toward the object (``look_at.camera_toward_target``, aimed at
the middle of the object's bottom and top elevations) in a 1280×720 view, hfov 60°, with
the heading the viewer uses: the API's, refined by the downloaded file's EXIF
(``picture_file.refined_heading``). The error is the distance from the view centre to the
object's colour centre.

One street's camera faces the street (heading 60°, whole degrees); the other is driven back
with the camera turned 35.4° off the street (heading 275.4°), as real cameras write
fractions of a degree. The server reports ``view:azimuth`` in whole degrees (275);
``inventory_turn_toward_api_heading_*`` (the reference, what the viewer did before the
refinement) turns with that rounded heading.

* ``inventory_turn_toward_error_px``: p95 error, target <= 8 px;
* ``inventory_turn_toward_max_px``: the largest error;
* ``inventory_turn_toward_pairs``: pairs measured (overlapped objects are left out).

Everything uploaded is deleted at the end. Exits 0 whatever the figures (it says on stdout
when the target is missed); 2 without PANORAMAX_API.
"""

from __future__ import annotations

import math
import os
import random
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script
    sys.path.insert(0, str(ROOT))

from panoramax_plugin.core.client import PanoramaxClient  # noqa: E402
from tests.integration.seeding import delete_sequences  # noqa: E402
from tests.integration.turn_toward import (  # noqa: E402
    TOLERANCE_PX,
    VIEW_H,
    VIEW_W,
    beside,
    check_picture,
    random_day,
    random_place,
    read_back,
    street_objects,
    write_and_upload,
)

STREET = 60.0
SIZE = (4096, 2048)
PICTURES_PER_STREET = 6
LAYOUT = (
    ("sign right", 8.0, 4.0, 2.6, 0.4, "panel"),
    ("pole left", 12.0, -8.0, 3.5, 0.15, "pole"),
    ("lamp right", 2.0, 12.0, 6.0, 0.2, "pole"),
    ("panel left far", 26.0, -10.0, 3.0, 0.5, "panel"),
)
BACK_OFFSET = 35.4


def percentile(values: list, fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def main() -> int:
    api = os.environ.get("PANORAMAX_API")
    if not api:
        print('PANORAMAX_API is not set: eval "$(bash scripts/panoramax-instance.sh env)"')
        return 2
    token = os.environ.get("PANORAMAX_TOKEN") or None
    t0 = time.perf_counter()
    rng = random.Random()
    start = random_place(rng)
    day = random_day(rng)
    objects = street_objects(start, STREET, LAYOUT)
    uploaded = []
    with tempfile.TemporaryDirectory(prefix="bench-turn-") as tmp:
        try:
            common = dict(count=PICTURES_PER_STREET, spacing_m=4.0, size=SIZE)
            uploaded.append(
                write_and_upload(
                    api,
                    token,
                    Path(tmp) / "along",
                    f"bench along {start[1]:.5f}",
                    objects,
                    start=start,
                    azimuth_deg=STREET,
                    start_time=day,
                    **common,
                )
            )
            uploaded.append(
                write_and_upload(
                    api,
                    token,
                    Path(tmp) / "back",
                    f"bench back {start[1]:.5f}",
                    objects,
                    start=beside(start, STREET, 22.0, -1.0),
                    azimuth_deg=STREET + 180.0,
                    heading_offset_deg=BACK_OFFSET,
                    start_time=day + timedelta(days=1),
                    **common,
                )
            )
            upload_s = time.perf_counter() - t0
            client = PanoramaxClient(api)
            checks = []
            for street in uploaded:
                read_back(client, street)
                for index in range(len(street.scene)):
                    checks.append(check_picture(client, street, index, with_file_heading=True))
        finally:
            delete_sequences(api, token, [s for st in uploaded for s in st.seeded.sequence_ids])
    total_s = time.perf_counter() - t0

    pairs = [pair for check in checks for pair in check.pairs]
    written = sum(len(check.painted_errors_px) for check in checks)
    lost = [p for p in pairs if p.error_px is None]
    errors = [p.error_px if p.error_px is not None else math.inf for p in pairs]
    from_file = [
        p.file_heading_error_px if p.file_heading_error_px is not None else math.inf for p in pairs
    ]
    # the viewer turns with the API's heading refined by the file's EXIF (core
    # picture_file.refined_heading): that is the headline; the API's heading alone is
    # the reference it improves on
    p95, worst = percentile(from_file, 0.95), max(from_file)
    print(f"BENCH inventory_turn_toward_error_px {p95:.2f} px")
    print(f"BENCH inventory_turn_toward_max_px {worst:.2f} px")
    print(f"BENCH inventory_turn_toward_pairs {len(pairs)} pairs")
    print(f"BENCH inventory_turn_toward_api_heading_error_px {percentile(errors, 0.95):.2f} px")
    print(f"BENCH inventory_turn_toward_api_heading_max_px {max(errors):.2f} px")
    for street in uploaded:
        mine = [p.error_px for p in pairs if p.street == street.label and p.error_px is not None]
        written_heading = street.scene[0].heading
        reported = sorted({p.heading for p in street.pictures})
        print(
            f"# {street.label}: heading written {written_heading}, reported {reported};"
            f" {len(mine)} pairs turned with the API heading: p95 {percentile(mine, 0.95):.2f} px,"
            f" max {max(mine):.2f} px"
        )
    moved_mm = max(check.position_error_m for check in checks) * 1000
    shift = max(e for check in checks for e in check.painted_errors_px.values())
    sizes = sorted({(c.asset, c.asset_size, c.asset_bytes // 1000) for c in checks})[:1]
    print(
        f"# {len(checks)} pictures, {written} (picture, object) pairs painted,"
        f" {written - len(pairs)} left out (overlapped), {len(lost)} not found in their view;"
        f" {VIEW_W}x{VIEW_H} views; sd e.g. {sizes}; positions moved <= {moved_mm:.3f} mm,"
        f" painted centres <= {shift:.2f} px after the round trip;"
        f" upload {upload_s:.1f} s, total {total_s:.1f} s"
    )
    if p95 > TOLERANCE_PX:
        print(
            f"# TARGET MISSED: p95 {p95:.2f} px > {TOLERANCE_PX:.0f} px"
            " (with the API's whole-degree heading)"
        )
    else:
        print(f"# target met: p95 {p95:.2f} px <= {TOLERANCE_PX:.0f} px")
    return 0


if __name__ == "__main__":
    sys.exit(main())
