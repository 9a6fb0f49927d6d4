"""Pictures for the user guide's screenshots, put on (and taken off) the local instance.

    guide_data.py seed WORK      real pictures on the instance + folders to upload from QGIS
    guide_data.py uploads WORK   delete what the QGIS sessions uploaded (between sessions)
    guide_data.py cleanup WORK   delete every sequence the guide run made

``seed`` writes ``WORK/seed.json`` (the place, picture and sequence ids, the folders).
The pictures are copies of the real ones in ``../shared/data/pictures`` (licences in
its ``LICENSES.md``, credited in ``docs/guide.md``), rewritten only in their EXIF:

- the Lund street (OpenSfM, BSD-2-Clause), 8 flat pictures at their own place: the
  capture time and heading that only live in their Mapillary JSON become EXIF tags, and
  that JSON (it holds a Mapillary staff e-mail) is dropped;
- a GoPro Max and a Ricoh Theta V panorama (Trek View, MIT), moved beside that street
  as one 360° sequence.

New EXIF bytes also mean new MD5s: the instance, which refuses a file it has already
seen (a test run may have sent the originals), takes them. The folders for the upload
steps hold generated pictures (``tests/fixtures/pictures.py``), a few of them faulty on
purpose so that the check has something to say.

Every sequence made here has a title starting with ``TITLE_PREFIX``; ``cleanup`` deletes
those found in the guide's area, plus the ids the QGIS sessions wrote to ``WORK``.

The street also gets a few tags and two annotations (``tag_street``) for the viewer's
"Tags and reports" shot: on the guide's own picture and sequence only, so they leave
with them (no other test's search sees them).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import piexif
import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fixtures.pictures import (  # noqa: E402  (the checkout's own helpers)
    line_of_shots,
    make_flat_jpeg,
    make_no_gps_jpeg,
    make_png,
)
from tests.integration.seeding import upload_set  # noqa: E402

PICTURES = ROOT.parent / "shared" / "data" / "pictures"
LUND = PICTURES / "flat" / "opensfm_lund_iphone4s"
PANOS = [
    PICTURES / "pano" / "GSAG2002_gopro_max.JPG",
    PICTURES / "pano" / "R0014760_ricoh_theta_v.JPG",
]
TITLE_PREFIX = "Panoramax guide"
UPLOAD_FOLDER = "lund-walk"  # the dialog titles an upload after its folder
AREA = (13.1925, 55.6970, 13.1985, 55.6995)  # lon/lat box around the Lund street
"""Where cleanup looks for the guide's sequences."""
MAP_VIEW = (13.1944, 55.69780, 13.1960, 55.69855)
"""What the map shows: the street, the 360° walk and the uploaded walk."""
SWEDEN = timezone(timedelta(hours=2))  # summer time, June 2014 / May 2020
PANO_PLACES = [(55.69822, 13.19558), (55.69846, 13.19552)]  # a path ~25 m east
PANO_START = datetime(2020, 5, 9, 14, 16, 30, tzinfo=SWEDEN)
UPLOAD_START = (55.69790, 13.19460)  # the uploaded walk: south-west of the street
TAGGED_PICTURE = 5  # lund_06.jpg: a street-name plate and a house number on the left
PICTURE_TAGS = [("osm|highway", "living_street"), ("panoramax:weather", "sunny")]
SEQUENCE_TAGS = [("osm|surface", "sett")]
ANNOTATIONS = [  # (box in the 1024 x 768 picture's pixels, tags)
    (
        (199, 391, 253, 413),
        [("osm|addr:street", "Trädgårdsgatan"), ("osm|addr:housenumber", "10 A-C")],
    ),
    (
        (52, 374, 72, 392),
        [
            ("osm|addr:housenumber", "12A"),
            ("detection_model[guide-demo]", "1.0"),
            ("detection_confidence[guide-demo]", "0.87"),
        ],
    ),
]


def _dms(value: float):
    units = round(abs(value) * 3600 * 10_000)
    degrees, rest = divmod(units, 3600 * 10_000)
    minutes, seconds = divmod(rest, 60 * 10_000)
    return ((degrees, 1), (minutes, 1), (seconds, 10_000))


def _set_time(exif: dict, when: datetime) -> None:
    """Local capture time with its offset, and the same instant in the GPS tags (UTC)."""
    local = when.strftime("%Y:%m:%d %H:%M:%S").encode()
    utc = when.astimezone(timezone.utc)
    offset = when.strftime("%z")
    offset = f"{offset[:3]}:{offset[3:]}".encode()
    exif["0th"][piexif.ImageIFD.DateTime] = local
    exif["Exif"][piexif.ExifIFD.DateTimeOriginal] = local
    exif["Exif"][piexif.ExifIFD.DateTimeDigitized] = local
    exif["Exif"][piexif.ExifIFD.SubSecTimeOriginal] = f"{when.microsecond // 1000:03d}".encode()
    exif["Exif"][piexif.ExifIFD.OffsetTimeOriginal] = offset
    exif["Exif"][piexif.ExifIFD.OffsetTime] = offset
    exif["GPS"][piexif.GPSIFD.GPSDateStamp] = utc.strftime("%Y:%m:%d").encode()
    exif["GPS"][piexif.GPSIFD.GPSTimeStamp] = (
        (utc.hour, 1),
        (utc.minute, 1),
        (utc.second * 1000 + utc.microsecond // 1000, 1000),
    )


def _set_place(exif: dict, lat: float, lon: float) -> None:
    gps = exif["GPS"]
    gps[piexif.GPSIFD.GPSLatitudeRef] = b"N" if lat >= 0 else b"S"
    gps[piexif.GPSIFD.GPSLatitude] = _dms(lat)
    gps[piexif.GPSIFD.GPSLongitudeRef] = b"E" if lon >= 0 else b"W"
    gps[piexif.GPSIFD.GPSLongitude] = _dms(lon)


def _set_heading(exif: dict, heading: float) -> None:
    exif["GPS"][piexif.GPSIFD.GPSImgDirectionRef] = b"T"
    exif["GPS"][piexif.GPSIFD.GPSImgDirection] = (round(heading * 100), 100)


def _rewrite(source: Path, target: Path, edit) -> Path:
    """A copy of ``source`` whose EXIF ``edit`` changed (pixels and XMP untouched)."""
    shutil.copyfile(source, target)
    os.chmod(target, 0o644)  # the shared copies are read-only
    exif = piexif.load(str(target))
    exif.pop("thumbnail", None)
    exif["1st"] = {}
    exif["Exif"].pop(piexif.ExifIFD.MakerNote, None)  # vendor blobs piexif cannot rewrite
    edit(exif)
    piexif.insert(piexif.dump(exif), str(target))
    return target


def lund_street(folder: Path) -> list:
    """The 8 Lund pictures with an EXIF capture time and heading, without the JSON."""
    paths = []
    for source in sorted(LUND.glob("*.jpg")):
        exif = piexif.load(str(source))
        mapillary = json.loads(exif["0th"][piexif.ImageIFD.ImageDescription])
        utc = datetime.strptime(mapillary["MAPCaptureTime"], "%Y_%m_%d_%H_%M_%S_%f")
        when = utc.replace(tzinfo=timezone.utc).astimezone(SWEDEN)
        heading = float(mapillary["MAPCompassHeading"]["TrueHeading"])

        def edit(exif, when=when, heading=heading):
            exif["0th"].pop(piexif.ImageIFD.ImageDescription, None)
            exif["0th"][piexif.ImageIFD.Make] = b"Apple"
            exif["0th"][piexif.ImageIFD.Model] = b"iPhone 4S"
            _set_time(exif, when)
            _set_heading(exif, heading)

        paths.append(_rewrite(source, folder / f"lund_{source.name}", edit))
    return paths


def panoramas(folder: Path) -> list:
    """The two real panoramas as a short 360° walk beside the street."""
    paths = []
    for index, (source, (lat, lon)) in enumerate(zip(PANOS, PANO_PLACES)):
        when = PANO_START + timedelta(seconds=6 * index)

        def edit(exif, when=when, lat=lat, lon=lon):
            _set_time(exif, when)
            _set_place(exif, lat, lon)
            _set_heading(exif, 0.0)

        paths.append(_rewrite(source, folder / source.name, edit))
    return paths


def upload_folder(folder: Path, index: int) -> Path:
    """A walk of generated pictures as a camera would name them, plus three faulty files."""
    folder.mkdir(parents=True)
    start = datetime(2024, 6, 2, 9, 30, tzinfo=SWEDEN) + timedelta(days=index)
    shots = line_of_shots(*UPLOAD_START, 7, spacing_m=6.0, bearing_deg=80.0, start_time=start)
    for number, shot in enumerate(shots, start=101):
        make_flat_jpeg(folder / f"IMG_{number:04d}.JPG", shot, make="Guide", model="Demo")
    # the camera fired twice at the same spot: the instance would refuse the second one
    twin = replace(shots[-1], captured_at=start + timedelta(minutes=1))
    make_flat_jpeg(folder / "IMG_0108.JPG", twin, make="Guide", model="Demo")
    make_no_gps_jpeg(folder / "IMG_0109.JPG", start + timedelta(minutes=2))
    make_png(folder / "IMG_0110.JPG")  # a PNG under a JPEG name
    return folder


def _instance() -> tuple:
    api = os.environ.get("PANORAMAX_API")
    token = os.environ.get("PANORAMAX_TOKEN")
    if not api or not token:
        sys.exit("PANORAMAX_API and PANORAMAX_TOKEN are needed (scripts/panoramax-instance.sh env)")
    return api.rstrip("/"), token


def seed(work: Path) -> None:
    api, token = _instance()
    missing = [str(p) for p in [LUND, *PANOS] if not p.exists()]
    if missing:
        sys.exit(f"real pictures not found (../shared/data beside the checkout): {missing}")
    cleanup(work, quiet=True)  # what an interrupted run may have left
    files = work / "files"
    files.mkdir(parents=True, exist_ok=True)
    street = upload_set(api, token, lund_street(files), f"{TITLE_PREFIX} Lund street")
    walk = upload_set(api, token, panoramas(files), f"{TITLE_PREFIX} 360 walk", timeout_s=300)
    for name, made in (("street", street), ("360 walk", walk)):
        rejected = [f for f in made.files if f.get("rejected")]
        if len(made.sequence_ids) != 1 or rejected or made.duplicates:
            sys.exit(f"the {name} did not become one sequence: {made}")
    by_name = {f["file_name"]: f["picture_id"] for f in street.files}
    pano_by_name = {f["file_name"]: f["picture_id"] for f in walk.files}
    data = {
        "bbox": MAP_VIEW,
        "flat_ids": [by_name[name] for name in sorted(by_name)],
        "pano_ids": [pano_by_name[p.name] for p in PANOS],
        "sequence_ids": street.sequence_ids + walk.sequence_ids,
        "upload_folders": {
            lang: str(upload_folder(work / f"upload-{lang}" / UPLOAD_FOLDER, i))
            for i, lang in enumerate(("en", "fr"))
        },
        "title_prefix": TITLE_PREFIX,
    }
    data["tagged_id"] = tag_street(api, token, street.sequence_ids[0], data["flat_ids"])
    (work / "seed.json").write_text(json.dumps(data, indent=1))
    print(f"seeded: {len(data['flat_ids'])} flat and {len(data['pano_ids'])} 360° pictures")


def tag_street(api: str, token: str, sequence_id: str, flat_ids: list) -> str:
    """Tags on one street picture and on the street's sequence, and two annotations on
    that picture (one drawn by a person, one as a detection model writes it); they go
    when ``cleanup`` deletes the sequence. The tagged picture's id."""
    headers = {"Authorization": f"Bearer {token}"}
    picture_id = flat_ids[TAGGED_PICTURE]

    def changes(tags):
        return {"semantics": [{"key": k, "value": v, "action": "add"} for k, v in tags]}

    calls = [
        ("PATCH", f"/collections/{sequence_id}/items/{picture_id}", changes(PICTURE_TAGS)),
        ("PATCH", f"/collections/{sequence_id}", changes(SEQUENCE_TAGS)),
    ]
    calls += [
        (
            "POST",
            f"/collections/{sequence_id}/items/{picture_id}/annotations",
            {"shape": list(box), "semantics": [{"key": k, "value": v} for k, v in tags]},
        )
        for box, tags in ANNOTATIONS
    ]
    for method, path, body in calls:
        answer = requests.request(method, api + path, json=body, headers=headers, timeout=30)
        if answer.status_code >= 300:
            sys.exit(f"{method} {path}: HTTP {answer.status_code} {answer.text[:300]}")
    return picture_id


def cleanup(work: Path, quiet: bool = False, uploads_only: bool = False) -> None:
    """Delete the guide's sequences: the ids written to WORK, and those titled as ours
    in the guide's area (an interrupted run's). ``uploads_only``: the QGIS uploads."""
    api, token = _instance()
    ids = set()
    names = ["uploaded-en.json", "uploaded-fr.json"] + ([] if uploads_only else ["seed.json"])
    for name in names:
        path = work / name
        if path.exists():
            ids.update(json.loads(path.read_text()).get("sequence_ids", []))
    titles = (UPLOAD_FOLDER,) if uploads_only else (TITLE_PREFIX, UPLOAD_FOLDER)
    bbox = ",".join(str(v) for v in AREA)
    answer = requests.get(f"{api}/collections", params={"bbox": bbox, "limit": 100}, timeout=30)
    answer.raise_for_status()
    ids.update(
        c["id"]
        for c in answer.json().get("collections", [])
        if str(c.get("title", "")).startswith(titles)
    )
    admin = os.environ.get("PANORAMAX_ADMIN_TOKEN")
    left = []
    for sequence_id in sorted(ids):
        status = _delete(api, token, sequence_id)
        if status == 403 and admin:  # sent without an account: only the admin may
            status = _delete(api, admin, sequence_id)
        if status not in (200, 204, 404):
            left.append(f"{sequence_id} (HTTP {status})")
    if ids and not quiet:
        print(f"deleted {len(ids) - len(left)} sequences of the guide from {api}")
    if left:
        sys.exit(f"could not delete from {api}: {', '.join(left)}")


def _delete(api: str, token: str, sequence_id: str) -> int:
    headers = {"Authorization": f"Bearer {token}"}
    answer = requests.delete(f"{api}/collections/{sequence_id}", headers=headers, timeout=30)
    return answer.status_code


def main(argv) -> None:
    commands = {
        "seed": seed,
        "uploads": lambda work: cleanup(work, uploads_only=True),
        "cleanup": cleanup,
    }
    if len(argv) != 3 or argv[1] not in commands:
        sys.exit(__doc__)
    commands[argv[1]](Path(argv[2]))


if __name__ == "__main__":
    main(sys.argv)
