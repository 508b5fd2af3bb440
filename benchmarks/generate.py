"""Write large, valid retail X12 documents for benchmarks: 856 ship notices, 850s, 810s.

    python benchmarks/generate.py 856 --segments 500000 -o /tmp/856_500k.x12 [--seed 42]
    python benchmarks/generate.py 850 --segments 500000 -o /tmp/850_500k.x12 --version 005010

    from generate import generate
    data = generate("856", 500_000)          # bytes, the same for the same arguments

The documents are what an athletic footwear brand (APEXSTRIDE ATHLETIC) sends its retailer
(SUMMIT SPORTS): one interchange holding one functional group of transaction sets of a realistic
size (about 10,000 segments per 856, 3,000 per 850 or 810). The whole file has exactly the number
of segments asked for (ISA to IEA inclusive), except below the smallest valid document.

Everything a reader checks is right: the 106-character ISA, IEA01/IEA02, GS06 = GE02, GE01,
ST02 = SE02 (unique in the group), SE01 (ST to SE inclusive), HL01/HL02 numbering and CTT01 of
the 856, CTT01/CTT02 of the 850, TDS01 (sum of quantity x unit price, in cents) and CTT01 of the
810, and the GS1 mod-10 check digits of every UPC-A, SSCC-18 and VICS bill of lading number.

Segments are composed with "*" between elements: element data only ever holds upper-case letters,
digits, spaces, "-" and ".", so another element separator is put in afterwards by replacement.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

FUNCTIONAL_ID = {"850": "PO", "856": "SH", "810": "IN"}
SEGMENTS_PER_SET = {"856": 10_000, "850": 3_000, "810": 3_000}
VERSIONS = {"004010": ("U", "00401"), "005010": ("^", "00501")}  # ISA11, ISA12
DEFAULT_DELIMITERS = ("*", ">", "~", "\n")
ENVELOPE_SEGMENTS = 4  # ISA, GS, GE, IEA
DATA_PUNCTUATION = " -."  # the only non-alphanumeric characters in element data

# Fixed segments of each transaction set (ST and SE included); the optional header segments
# (REF*CN, N3/N4 of the ship-from in the 856; REF*IA in the 850 and 810) take up the remainder
# so that every set has exactly the size it was given.
ASN_FIXED = 14  # ST BSN DTM HL TD1 TD5 REF DTM N1 N3 N4 N1 CTT SE
PO_FIXED = 12  # ST BEG REF ITD DTM DTM TD5 N1 N3 N4 CTT SE
INVOICE_FIXED = 14  # ST BIG REF N1 N3 N4 N1 N3 N4 ITD DTM TDS CTT SE
MIN_SET = {"856": ASN_FIXED + 8, "850": PO_FIXED + 2, "810": INVOICE_FIXED + 2}

SENDER = ("ZZ", "APEXSTRIDE")  # ISA05/ISA06, GS02
RECEIVER = ("08", "6112390050")  # ISA07/ISA08 (UCC EDI communications ID), GS03
GS1_COMPANY_PREFIX = "0846291"  # the brand's GS1 company prefix; UPC-A form drops the leading 0

# (model code, model name, gender); every size run has 13 sizes
MODELS = (
    ("ASR", "AIRSTRIDE RUNNER", "MENS"),
    ("ASR", "AIRSTRIDE RUNNER", "WOMENS"),
    ("TBZ", "TRAIL BLAZER 2", "MENS"),
    ("TBZ", "TRAIL BLAZER 2", "WOMENS"),
    ("CCL", "COURT CLASSIC LOW", "MENS"),
    ("CCL", "COURT CLASSIC LOW", "WOMENS"),
    ("VRC", "VELOCITY RACER", "MENS"),
    ("HPH", "HOOPS HIGH", "MENS"),
    ("CWK", "CLOUD WALKER", "WOMENS"),
    ("SHK", "SUMMIT HIKER MID", "MENS"),
    ("STL", "STREET LOW", "MENS"),
    ("TMP", "TEMPO TRAINER", "WOMENS"),
    ("DSH", "DASH", "KIDS"),
    ("DSH", "DASH", "WOMENS"),
    ("RCV", "RECOVERY SLIDE", "MENS"),
    ("FLX", "FLEX CROSS TRAINER", "MENS"),
    ("FLX", "FLEX CROSS TRAINER", "WOMENS"),
    ("PRM", "PREMIER CLEAT", "MENS"),
    ("PRM", "PREMIER CLEAT", "KIDS"),
    ("GLD", "GLIDE 7", "WOMENS"),
)
SIZES = {
    "MENS": tuple(f"{n / 2:g}" for n in range(14, 27)),  # 7 .. 13
    "WOMENS": tuple(f"{n / 2:g}" for n in range(10, 23)),  # 5 .. 11
    "KIDS": tuple(f"{n / 2:g}Y" for n in range(2, 15)),  # 1Y .. 7Y
}
COLORS = (
    ("BLK", "BLACK"),
    ("WHT", "WHITE"),
    ("NVY", "NAVY"),
    ("RED", "UNIVERSITY RED"),
    ("GRY", "COOL GREY"),
    ("ROY", "ROYAL BLUE"),
    ("OLV", "OLIVE"),
    ("VLT", "VOLT"),
    ("PNK", "PINK GLOW"),
    ("BKW", "BLACK WHITE"),
)
# (SCAC, TD504 transportation method, carrier name)
CARRIERS = (
    ("UPSN", "U", "UPS GROUND"),
    ("FDEG", "U", "FEDEX GROUND"),
    ("ODFL", "M", "OLD DOMINION FREIGHT"),
    ("EXLA", "M", "ESTES EXPRESS"),
    ("SAIA", "M", "SAIA MOTOR FREIGHT"),
)
DC_CITIES = (
    ("COLUMBUS", "OH", "43217"),
    ("MEMPHIS", "TN", "38118"),
    ("RENO", "NV", "89502"),
    ("ALLENTOWN", "PA", "18106"),
    ("DALLAS", "TX", "75241"),
    ("ATLANTA", "GA", "30336"),
    ("ONTARIO", "CA", "91761"),
    ("JOLIET", "IL", "60436"),
    ("KANSAS CITY", "MO", "64161"),
    ("DENVER", "CO", "80239"),
    ("PHOENIX", "AZ", "85043"),
    ("CHARLOTTE", "NC", "28273"),
)
STREETS = ("DISTRIBUTION WAY", "LOGISTICS PKWY", "COMMERCE DR", "INDUSTRIAL BLVD", "FREIGHT RD")

Sku = tuple[str, str, str, int]  # UPC-A, vendor style number, description, unit price in cents


@dataclass(frozen=True)
class Party:
    name: str
    code: str
    street: str
    city: str
    state: str
    postal: str

    def segments(self, qualifier: str) -> list[str]:
        """N1 (with a 92 buyer-assigned code), N3 and N4."""
        return [
            f"N1*{qualifier}*{self.name}*92*{self.code}",
            f"N3*{self.street}",
            f"N4*{self.city}*{self.state}*{self.postal}*US",
        ]


BRAND = Party("APEXSTRIDE ATHLETIC", "APX001", "2200 TRACK LANE", "BEAVERTON", "OR", "97005")
REMIT_TO = Party("APEXSTRIDE ATHLETIC", "APX001", "PO BOX 4410", "PORTLAND", "OR", "97208")


def gs1_check_digit(digits: str) -> str:
    """The GS1 mod-10 check digit of `digits` (weights 3, 1, 3, ... from the rightmost digit)."""
    weighted = 3 * sum(map(int, digits[::-2])) + sum(map(int, digits[-2::-2]))
    return str(-weighted % 10)


def money(cents: int) -> str:
    """An amount with two decimals, e.g. 4750 -> '47.50'."""
    return f"{cents // 100}.{cents % 100:02d}"


def build_catalog(rng: random.Random) -> list[list[Sku]]:
    """Style-colours of the brand, each a list of SKUs in size order."""
    styles: list[list[Sku]] = []
    item_reference = rng.randrange(10_000, 40_000)
    upc_prefix = GS1_COMPANY_PREFIX[1:]
    for code, model, gender in MODELS:
        style_number = f"{code}{rng.randrange(1000, 10000)}"
        wholesale = rng.randrange(1800, 9000, 25)
        for color_code, color in rng.sample(COLORS, rng.randint(3, 6)):
            skus: list[Sku] = []
            for size in SIZES[gender]:
                body = f"{upc_prefix}{item_reference:05d}"
                item_reference += 1
                size_code = size.replace(".", "")
                skus.append(
                    (
                        body + gs1_check_digit(body),
                        f"{style_number}-{color_code}-{size_code}",
                        f"{model} {gender} {color} SZ {size}",
                        wholesale,
                    )
                )
            styles.append(skus)
    return styles


def build_distribution_centers(rng: random.Random) -> list[Party]:
    centers = []
    for city, state, postal in DC_CITIES:
        number = rng.randrange(1, 1000)
        street = f"{rng.randrange(100, 9900)} {rng.choice(STREETS)}"
        name = f"SUMMIT SPORTS DC {number:04d}"
        centers.append(Party(name, f"{number:04d}", street, city, state, postal))
    return centers


@dataclass
class Context:
    """What the transaction sets of one interchange share: random source, catalog, numbers."""

    rng: random.Random
    day: date
    styles: list[list[Sku]] = field(init=False)
    centers: list[Party] = field(init=False)
    serial: int = field(init=False)  # SSCC, bill of lading, PO and invoice numbers come from it

    def __post_init__(self) -> None:
        self.styles = build_catalog(self.rng)
        self.centers = build_distribution_centers(self.rng)
        self.serial = self.rng.randrange(10_000_000, 90_000_000)

    def next_serial(self) -> int:
        self.serial += 1
        return self.serial

    def sscc(self) -> str:
        body = f"0{GS1_COMPANY_PREFIX}{self.next_serial() % 1_000_000_000:09d}"
        return body + gs1_check_digit(body)

    def bill_of_lading(self) -> str:
        body = f"{GS1_COMPANY_PREFIX}{self.next_serial() % 1_000_000_000:09d}"
        return body + gs1_check_digit(body)

    def po_number(self) -> str:
        return f"45{self.next_serial() % 100_000_000:08d}"

    def ymd(self, days: int = 0) -> str:
        return (self.day + timedelta(days=days)).strftime("%Y%m%d")

    def order_lines(self, count: int) -> list[Sku]:
        """`count` SKUs for the lines of one order: size runs of style-colours in random order."""
        lines: list[Sku] = []
        rng = self.rng
        while len(lines) < count:
            for skus in rng.sample(self.styles, len(self.styles)):
                low = rng.randrange(0, 5)
                lines.extend(skus[low : rng.randrange(low + 3, len(skus) + 1)])
                if len(lines) >= count:
                    break
        return lines[:count]


def plan_shipment(rng: random.Random, budget: int) -> tuple[list[list[int]], int]:
    """Orders (each a list of item counts per pack) filling `budget` segments; and what is left.

    An order takes 2 segments (HL, PRF), a pack 2 (HL, MAN), an item 4 (HL, LIN, SN1, PID). What
    is left over is 0 to 3 segments.
    """
    orders: list[list[int]] = []
    while budget >= 8:
        budget -= 2
        packs: list[int] = []
        for _ in range(rng.randint(1, 10)):
            if budget < 6:
                break
            budget -= 2
            items = min(rng.randint(1, 6), budget // 4)
            budget -= 4 * items
            packs.append(items)
        orders.append(packs)
    if orders and budget >= 4:
        orders[-1][-1] += 1
        budget -= 4
    return orders, budget


def ship_notice(ctx: Context, size: int, control: str) -> list[str]:
    """One 856 (pick and pack: shipment > order > pack > item) of `size` segments."""
    rng = ctx.rng
    orders, spare = plan_shipment(rng, max(size, MIN_SET["856"]) - ASN_FIXED)
    body: list[str] = []
    hl = 1
    cartons = pairs = 0
    for packs in orders:
        hl += 1
        order_hl = hl
        body += (f"HL*{hl}*1*O", f"PRF*{ctx.po_number()}***{ctx.ymd(-rng.randrange(10, 40))}")
        for count in packs:
            hl += 1
            pack_hl = hl
            cartons += 1
            body += (f"HL*{hl}*{order_hl}*P", f"MAN*GM*{ctx.sscc()}")
            skus = rng.choice(ctx.styles)
            first = rng.randrange(len(skus) - count + 1)
            for upc, style, description, _ in skus[first : first + count]:
                hl += 1
                quantity = rng.randint(1, 6)
                pairs += quantity
                body += (
                    f"HL*{hl}*{pack_hl}*I",
                    f"LIN**UP*{upc}*VN*{style}",
                    f"SN1**{quantity}*EA",
                    f"PID*F****{description}",
                )
    scac, method, carrier = rng.choice(CARRIERS)
    weight = pairs * 21 + cartons * 6  # tenths of a pound
    clock = f"{rng.randrange(6, 18):02d}{rng.randrange(60):02d}"
    segments = [
        f"ST*856*{control}",
        f"BSN*00*ASN{ctx.next_serial()}*{ctx.ymd()}*{clock}*0001",
        f"DTM*011*{ctx.ymd()}",
        "HL*1**S",
        f"TD1*CTN25*{cartons}****G*{weight // 10}.{weight % 10}*LB",
        f"TD5*B*2*{scac}*{method}*{carrier}",
        f"REF*BM*{ctx.bill_of_lading()}",
    ]
    if spare & 1:
        segments.append(f"REF*CN*{rng.randrange(10**9, 10**10)}")
    segments.append(f"DTM*017*{ctx.ymd(rng.randint(2, 5))}")
    segments += rng.choice(ctx.centers).segments("ST")
    segments += BRAND.segments("SF") if spare & 2 else BRAND.segments("SF")[:1]
    segments += body
    segments.append(f"CTT*{hl}")
    segments.append(f"SE*{len(segments) + 1}*{control}")
    return segments


def purchase_order(ctx: Context, size: int, control: str) -> list[str]:
    """One 850 (stand-alone order for one distribution centre) of `size` segments."""
    rng = ctx.rng
    line_count, spare = divmod(max(size, MIN_SET["850"]) - PO_FIXED, 2)
    scac, method, carrier = rng.choice(CARRIERS)
    segments = [
        f"ST*850*{control}",
        f"BEG*00*SA*{ctx.po_number()}**{ctx.ymd()}",
        f"REF*DP*{rng.randrange(100, 1000)}",
    ]
    if spare:
        segments.append(f"REF*IA*{rng.randrange(100_000, 1_000_000)}")
    segments += (
        "ITD*01*3*2**10**30",
        f"DTM*002*{ctx.ymd(rng.randint(30, 45))}",
        f"DTM*010*{ctx.ymd(rng.randint(20, 29))}",
        f"TD5*O*2*{scac}*{method}*{carrier}",
    )
    segments += rng.choice(ctx.centers).segments("ST")
    total_quantity = 0
    for line, (upc, style, description, price) in enumerate(ctx.order_lines(line_count), 1):
        quantity = rng.choice((6, 12, 12, 18, 24, 24, 36, 48))
        total_quantity += quantity
        segments += (
            f"PO1*{line}*{quantity}*EA*{money(price)}**UP*{upc}*VN*{style}",
            f"PID*F****{description}",
        )
    segments.append(f"CTT*{line_count}*{total_quantity}")
    segments.append(f"SE*{len(segments) + 1}*{control}")
    return segments


def invoice(ctx: Context, size: int, control: str) -> list[str]:
    """One 810 (invoice for one order) of `size` segments."""
    rng = ctx.rng
    line_count, spare = divmod(max(size, MIN_SET["810"]) - INVOICE_FIXED, 2)
    segments = [
        f"ST*810*{control}",
        f"BIG*{ctx.ymd()}*{ctx.next_serial()}**{ctx.po_number()}",
        f"REF*DP*{rng.randrange(100, 1000)}",
    ]
    if spare:
        segments.append(f"REF*IA*{rng.randrange(100_000, 1_000_000)}")
    segments += REMIT_TO.segments("RI")
    segments += rng.choice(ctx.centers).segments("ST")
    segments += ("ITD*01*3*2**10**30", f"DTM*011*{ctx.ymd(-rng.randint(1, 3))}")
    total_cents = 0
    for line, (upc, style, description, price) in enumerate(ctx.order_lines(line_count), 1):
        quantity = rng.choice((6, 12, 12, 18, 24, 24, 36, 48))
        total_cents += quantity * price
        segments += (
            f"IT1*{line}*{quantity}*EA*{money(price)}**UP*{upc}*VN*{style}",
            f"PID*F****{description}",
        )
    segments += (f"TDS*{total_cents}", f"CTT*{line_count}")
    segments.append(f"SE*{len(segments) + 1}*{control}")
    return segments


TRANSACTION_SETS = {"856": ship_notice, "850": purchase_order, "810": invoice}


def split_sizes(rng: random.Random, total: int, per_set: int) -> list[int]:
    """Split `total` segments into transaction sets of about `per_set` segments (+-20%)."""
    count = max(1, round(total / per_set))
    weights = [rng.uniform(0.8, 1.2) for _ in range(count)]
    scale = total / sum(weights)
    sizes: list[int] = []
    cumulative, previous = 0.0, 0
    for weight in weights[:-1]:
        cumulative += weight
        cut = round(cumulative * scale)
        sizes.append(cut - previous)
        previous = cut
    sizes.append(total - previous)
    return sizes


def check_delimiters(delimiters: tuple[str, str, str, str], repetition: str) -> None:
    if len(delimiters) != 4:
        raise ValueError("delimiters is (element, component, terminator, suffix)")
    *separators, suffix = delimiters
    chosen = [*separators, repetition] if repetition != "U" else separators
    for char in chosen:
        if len(char) != 1 or not char.isascii() or char.isalnum() or char in DATA_PUNCTUATION:
            raise ValueError(f"{char!r} cannot be an X12 delimiter here")
    if len(set(chosen)) != len(chosen):
        raise ValueError(f"delimiters must be distinct: {chosen!r}")
    if not set(suffix) <= {"\r", "\n"} or set(suffix) & set(chosen):
        raise ValueError(f"the suffix must be CR/LF and no delimiter: {suffix!r}")


def generate(
    kind: str,
    segments: int,
    seed: int = 42,
    *,
    delimiters: tuple[str, str, str, str] = DEFAULT_DELIMITERS,
    version: str = "004010",
) -> bytes:
    """One interchange of `kind` ("856", "850" or "810") with `segments` segments (ISA..IEA).

    `delimiters` is (element separator, component separator, segment terminator, text written
    after each terminator). `version` is "004010" (ISA11 U, ISA12 00401) or "005010" (ISA11 ^,
    ISA12 00501). The same arguments give the same bytes.
    """
    kind = str(kind)
    if kind not in TRANSACTION_SETS:
        raise ValueError(f"kind must be one of {sorted(TRANSACTION_SETS)}, not {kind!r}")
    if version not in VERSIONS:
        raise ValueError(f"version must be one of {sorted(VERSIONS)}, not {version!r}")
    if segments < 1:
        raise ValueError("segments must be positive")
    repetition, isa_version = VERSIONS[version]
    check_delimiters(delimiters, repetition)
    element, component, terminator, suffix = delimiters

    rng = random.Random(seed)
    ctx = Context(rng, date(2024, 1, 2) + timedelta(days=seed % 365))
    control = 1 + seed % 999_999_999
    clock = f"{8 + seed % 10:02d}{seed % 60:02d}"
    write_set = TRANSACTION_SETS[kind]
    sizes = split_sizes(rng, segments - ENVELOPE_SEGMENTS, SEGMENTS_PER_SET[kind])
    gs = f"GS*{FUNCTIONAL_ID[kind]}*{SENDER[1]}*{RECEIVER[1]}*{ctx.ymd()}*{clock}*{control}"
    body = [f"{gs}*X*{version}"]
    for number, size in enumerate(sizes, 1):
        body += write_set(ctx, size, f"{number:04d}")
    body += (f"GE*{len(sizes)}*{control}", f"IEA*1*{control:09d}")
    if element != "*":
        body = [segment.replace("*", element) for segment in body]
    sender, receiver = (f"{qualifier}*{name:<15}" for qualifier, name in (SENDER, RECEIVER))
    isa = (
        f"ISA*00*{' ' * 10}*00*{' ' * 10}*{sender}*{receiver}*{ctx.ymd()[2:]}*{clock}"
        f"*{repetition}*{isa_version}*{control:09d}*0*P*"
    ).replace("*", element) + component
    end = terminator + suffix
    return (isa + end + end.join(body) + end).encode("ascii")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("kind", choices=sorted(TRANSACTION_SETS))
    parser.add_argument("--segments", type=int, default=10_000, help="ISA..IEA (default 10000)")
    parser.add_argument("-o", "--output", default="-", help="file to write ('-': stdout)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--version", choices=sorted(VERSIONS), default="004010")
    parser.add_argument("--no-newline", action="store_true", help="nothing after terminators")
    options = parser.parse_args(argv)
    delimiters = (*DEFAULT_DELIMITERS[:3], "" if options.no_newline else "\n")
    started = time.perf_counter()
    data = generate(
        options.kind, options.segments, options.seed, delimiters=delimiters, version=options.version
    )
    seconds = time.perf_counter() - started
    if options.output == "-":
        sys.stdout.buffer.write(data)
    else:
        Path(options.output).write_bytes(data)
    print(
        f"{options.output}: {options.kind}, {data.count(b'~'):,} segments, {len(data):,} bytes"
        f" in {seconds:.2f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
