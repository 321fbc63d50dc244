"""QR codes drawn on the server with segno (BSD): no external service sees the link."""

import io

import segno


def make(url, fmt="svg", scale=8):
    code = segno.make(url, error="m")
    out = io.BytesIO()
    if fmt == "png":
        code.save(out, kind="png", scale=scale, border=2)
    else:
        code.save(
            out,
            kind="svg",
            scale=scale,
            border=2,
            xmldecl=False,
            svgns=True,
            omitsize=True,
            title="Mã QR khảo sát",
        )
    return out.getvalue()
