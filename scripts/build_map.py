#!/usr/bin/env python3
"""Builds data/map/middle-east.svg: the outline map embedded in report.html.

Country outlines from world-atlas countries-50m (Natural Earth 4.1.0, public
domain; packaging ISC) and Syrian and Iraqi governorate outlines from the WOF
admin-1 TopoJSON (CC0) in ../shared/data/geo, projected equirectangular with
the scale of the map's middle latitude, rounded to 0.1 px, keeping points
at least 1.5 px apart.

The first line of the output states the projection; report.html reads it:
  <!-- sitrep-map lon0=.. lat0=.. lon1=.. lat1=.. width=.. height=.. -->

Usage: python3 scripts/build_map.py ../shared/data/geo data/map/middle-east.svg
"""
import json
import math
import sys

from build_gazetteer import topo_arcs, topo_ring

LON0, LON1, LAT0, LAT1 = 32.0, 50.0, 28.5, 39.5
WIDTH = 900
KX = WIDTH / (LON1 - LON0)
KY = KX / math.cos(math.radians((LAT0 + LAT1) / 2))
HEIGHT = round((LAT1 - LAT0) * KY)
MIN_STEP = 1.5


def polygons(geom):
    if geom["type"] == "Polygon":
        return [geom["arcs"]]
    if geom["type"] == "MultiPolygon":
        return geom["arcs"]
    return []


def path_of(arcs, geom, margin=3.0):
    d = []
    for poly in polygons(geom):
        for r in poly:
            pts = topo_ring(arcs, r)
            if not any(LON0 - margin <= x <= LON1 + margin and LAT0 - margin <= y <= LAT1 + margin for x, y in pts):
                continue
            out, last = [], None
            for x, y in pts:
                p = (round((x - LON0) * KX, 1), round((LAT1 - y) * KY, 1))
                # Points closer than MIN_STEP px to the last kept one add nothing at this size.
                if last is None or abs(p[0] - last[0]) + abs(p[1] - last[1]) >= MIN_STEP:
                    out.append(p)
                    last = p
            if len(out) < 3:
                continue
            d.append("M" + "L".join(f"{x:g} {y:g}" for x, y in out) + "Z")
    return "".join(d)


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


def main(geo_dir, out_path):
    world = json.load(open(f"{geo_dir}/world-atlas/countries-50m.json"))
    admin = json.load(open(f"{geo_dir}/admin-boundaries/wof-admin1-me_sy-iq-districts.topo.json"))
    warcs, aarcs = topo_arcs(world), topo_arcs(admin)
    lines = [f"<!-- sitrep-map lon0={LON0} lat0={LAT0} lon1={LON1} lat1={LAT1} width={WIDTH} height={HEIGHT} -->",
             "<!-- Natural Earth country outlines (public domain, via world-atlas, ISC); "
             "governorates from Who's On First (CC0). Made by scripts/build_map.py. -->",
             '<g class="countries">']
    for g in world["objects"]["countries"]["geometries"]:
        d = path_of(warcs, g)
        if d:
            lines.append(f'<path d="{d}"><title>{esc(g["properties"]["name"])}</title></path>')
    lines.append('</g><g class="admin1">')
    for g in admin["objects"]["regions"]["geometries"]:
        if g["properties"].get("country") not in ("SY", "IQ"):
            continue
        d = path_of(aarcs, g)
        if d:
            lines.append(f'<path d="{d}"><title>{esc(g["properties"]["name"])}</title></path>')
    lines.append("</g>")
    with open(out_path, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
