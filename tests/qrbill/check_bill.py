#!/usr/bin/env python3
"""Checks bobine's QR-bills against independent implementations.

Usage: python3 tests/qrbill/check_bill.py BILLS.json

BILLS.json is a list of objects (as `cargo run --example dump_bills OUTDIR` writes them):
  name, account, currency ("CHF"), amount ("1949.75" or null),
  creditor {name, street, building, postcode, town, country}, debtor (same or null),
  reference (compact, or null), message (or null),
  payload (our exact payload text), qr_svg (our QR SVG, a path relative to the JSON file),
  document_svg (optional: our whole strip, a path relative to the JSON file).

For each bill: rebuild it with the `qrbill` package and compare its qr_data() (CR LF made LF)
with our payload; rebuild it with `chqr` and compare its data string (minus the three empty
optional elements it always appends); rasterise our QR SVG (framed by a 5 mm quiet zone) with
`rsvg-convert -b white -w 600`, decode it with `zbarimg --raw -q -Sbinary`, the bytes read as UTF-8
(zbar cannot read most codes with the Swiss cross: it then reads the same code without the
cross, and says so); decode our QR SVG and the strip as printed, cross included, with zxing-cpp.
Every decoded text must equal our payload exactly. Exits 1 on any difference.

Needs: python3 -m venv venv && venv/bin/pip install qrbill chqr zxing-cpp pypng;
apt-get install -y zbar-tools librsvg2-bin.
"""

import json
import re
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

import chqr
import png
import qrbill
import zxingcpp


def qrbill_address(a):
    if a is None:
        return None
    return {"name": a["name"], "street": a["street"], "house_num": a["building"],
            "pcode": a["postcode"], "city": a["town"], "country": a["country"]}


def via_qrbill(bill):
    built = qrbill.QRBill(
        account=bill["account"],
        creditor=qrbill_address(bill["creditor"]),
        amount=bill["amount"],
        currency=bill["currency"],
        debtor=qrbill_address(bill["debtor"]),
        reference_number=bill["reference"],
        additional_information=bill["message"] or "",
    )
    return built.qr_data().replace("\r\n", "\n")


def chqr_party(cls, a):
    if a is None:
        return None
    return cls(name=a["name"], postal_code=a["postcode"], city=a["town"], country=a["country"],
               street=a["street"] or None, building_number=a["building"] or None)


def via_chqr(bill):
    reference = bill["reference"]
    kind = "NON" if reference is None else ("SCOR" if reference.startswith("RF") else "QRR")
    built = chqr.QRBill(
        account=bill["account"],
        creditor=chqr_party(chqr.Creditor, bill["creditor"]),
        currency=bill["currency"],
        amount=None if bill["amount"] is None else Decimal(bill["amount"]),
        reference_type=kind,
        reference=reference,
        additional_information=bill["message"],
        debtor=chqr_party(chqr.UltimateDebtor, bill["debtor"]),
    )
    data = built.build_data_string()
    # chqr always writes the optional billing information and two alternative-scheme lines,
    # empty; the guidelines allow leaving them out, as we do.
    suffix = "\n\n\n"
    if not data.endswith(suffix):
        raise AssertionError("chqr's data no longer ends with three empty elements")
    return data[: -len(suffix)]


def rasterise(svg_path, work, width):
    png_path = Path(work) / (svg_path.stem + ".png")
    subprocess.run(["rsvg-convert", "-b", "white", "-w", str(width), str(svg_path), "-o", str(png_path)], check=True)
    return png_path


def zbar(png_path):
    """The payload zbarimg reads, or None when it finds no code."""
    found = subprocess.run(["zbarimg", "--raw", "-q", "-Sbinary", str(png_path)], capture_output=True)
    if found.returncode == 4:
        return None
    if found.returncode != 0:
        raise AssertionError(f"zbarimg failed (exit {found.returncode}): {found.stderr.decode(errors='replace')}")
    raw = found.stdout[:-1] if found.stdout.endswith(b"\n") else found.stdout
    return raw.decode("utf-8")


def zxing(png_path):
    """The payload zxing-cpp reads, as bytes made UTF-8 text."""
    width, height, rows, info = png.Reader(filename=str(png_path)).asDirect()
    grey = bytearray()
    for row in rows:
        grey.extend(row[0 :: info["planes"]])
    image = memoryview(bytes(grey)).cast("B", (height, width))
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    if len(found) != 1:
        raise AssertionError(f"zxing-cpp found {len(found)} QR codes in {png_path.name}")
    raw, text = found[0].bytes.decode("utf-8"), found[0].text
    # The text is what a reader shows after reading each segment in its mode: it differs from
    # the bytes when some are written as Kanji.
    if text != raw:
        raise AssertionError(f"zxing-cpp reads the bytes right but shows {text!r}")
    return raw


def framed(svg_path, work, without_cross=False):
    """Our QR SVG nested, unchanged, in a 56 mm white square: it has no quiet zone (the bill's
    layout gives it 5 mm) and zbarimg finds no code without one."""
    inner = svg_path.read_text(encoding="utf-8").replace("<svg ", '<svg x="5mm" y="5mm" ', 1)
    if without_cross:
        inner, count = re.subn(r'<g class="swiss-cross".*?</g>', "", inner)
        if count != 1:
            raise AssertionError("no Swiss cross found in the QR SVG")
    path = Path(work) / (("bare-" if without_cross else "framed-") + svg_path.name)
    path.write_text(f'<svg xmlns="http://www.w3.org/2000/svg" width="56mm" height="56mm">{inner}</svg>')
    return path


def scan_with_zbar(svg_path, work, notes):
    read = zbar(rasterise(framed(svg_path, work), work, 600))
    if read is None:
        # zbar 0.23 loses its grid on the Swiss cross for most versions (qrbill's and chqr's
        # codes too), so the bytes are read from the same code without the cross.
        notes.append("zbarimg cannot read the code with its Swiss cross; read it without")
        read = zbar(rasterise(framed(svg_path, work, without_cross=True), work, 600))
    if read is None:
        raise AssertionError("zbarimg found no QR code, even without the Swiss cross")
    return read


def first_difference(ours, theirs):
    for i, (a, b) in enumerate(zip(ours, theirs)):
        if a != b:
            return f"at character {i}: ours {ours[i:i + 30]!r}, theirs {theirs[i:i + 30]!r}"
    return f"lengths differ: ours {len(ours)}, theirs {len(theirs)}"


def check(bill, base, work):
    ours = bill["payload"]
    notes = []
    qr_svg = base / bill["qr_svg"]
    checks = [
        ("qrbill", lambda: via_qrbill(bill)),
        ("chqr", lambda: via_chqr(bill)),
        ("zbarimg on qr_svg", lambda: scan_with_zbar(qr_svg, work, notes)),
        ("zxing-cpp on qr_svg", lambda: zxing(rasterise(qr_svg, work, 600))),
    ]
    if bill.get("document_svg"):
        # 2400 px for 210 mm gives the code about 4 px a module.
        checks.append(("zxing-cpp on document_svg", lambda: zxing(rasterise(base / bill["document_svg"], work, 2400))))
    failures = []
    for name, rebuild in checks:
        try:
            theirs = rebuild()
        except Exception as error:  # a refusal by the other implementation is a difference too
            failures.append(f"{name} refused it: {error}")
            continue
        if theirs != ours:
            failures.append(f"{name} differs {first_difference(ours, theirs)}")
    return failures, notes


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    path = Path(sys.argv[1])
    bills = json.loads(path.read_text(encoding="utf-8"))
    failed = 0
    with tempfile.TemporaryDirectory() as work:
        for bill in bills:
            failures, notes = check(bill, path.parent, work)
            status = "ok" if not failures else "DIFFERENT"
            print(f"{bill['name']}: {status}" + "".join(f" ({note})" for note in notes))
            for failure in failures:
                print(f"  {failure}")
            failed += bool(failures)
    print(f"{len(bills) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
