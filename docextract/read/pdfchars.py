"""One PDF page's objects as pdfplumber gives them (``page.objects``), made faster.

pdfplumber builds its character dicts from pdfminer's LTChar objects: pdfminer makes an LTChar
per glyph (a transformed box through four helper calls), pdfplumber then reads every attribute
of it back and decodes the colour-space name again for each glyph. On a text page that was
two thirds of the reading time. The device here gives the same dicts (same keys, same values,
computed with the same float operations in the same order) straight from the text-showing
operators, and looks each glyph's text and width up once per font. Rules, rectangles, curves and
images still go through pdfminer's and pdfplumber's own code.

Only horizontal writing is done here; a vertical (CJK) font goes through pdfminer's LTChar.
"""
from __future__ import annotations

from pdfminer.layout import LTChar, LTContainer
from pdfminer.pdffont import PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfplumber.page import PDFPageAggregatorWithMarkedContent
from pdfplumber.utils import resolve_and_decode
from pdfplumber.utils.exceptions import PdfminerException


class _BytesFontName(Exception):
    """A font whose name is bytes: pdfplumber repairs those; the caller falls back to it."""


class PageCharDevice(PDFPageAggregatorWithMarkedContent):
    """A pdfminer device that appends pdfplumber's char dict of each glyph to ``chars``
    instead of adding an LTChar to the page layout."""

    def __init__(self, page, glyphs: dict) -> None:
        super().__init__(page.pdf.rsrcmgr, pageno=page.page_number, laparams=None)
        self.chars: list[dict] = []
        self._glyphs = glyphs  # font -> {cid: (text, width)}, shared by the pages of one file
        self._height = page.height
        self._mb_x0, self._mb_top = page.mediabox[:2]
        self._doctop = page.initial_doctop
        self._number = page.page_number
        self._color_spaces: dict[str, str] = {}

    def _color_space(self, ncs) -> str:
        name = ncs.name
        try:
            return self._color_spaces[name]
        except KeyError:
            decoded = self._color_spaces[name] = resolve_and_decode(name)
            return decoded
        except TypeError:  # an unhashable name: decode it each time
            return resolve_and_decode(name)

    def _glyph(self, font, cid: int, known: dict) -> tuple[str, float]:
        # what pdfminer's PDFLayoutAnalyzer.render_char computes, once per (font, glyph)
        try:
            text = font.to_unichr(cid)
            assert isinstance(text, str), str(type(text))
        except PDFUnicodeNotDefined:
            text = self.handle_undefined_char(font, cid)
        glyph = known[cid] = (text, font.char_width(cid))
        return glyph

    def render_string_horizontal(self, seq, matrix, pos, font, fontsize, scaling, charspace, wordspace, rise,
                                 dxscale, ncs, graphicstate):
        # pdfminer's PDFTextDevice.render_string_horizontal with render_char and LTChar inlined
        fontname = font.fontname
        if isinstance(fontname, bytes):
            raise _BytesFontName
        known = self._glyphs.get(font)
        if known is None:
            known = self._glyphs[font] = {}
        (a, b, c, d, e, f) = matrix
        descent = font.get_descent() * fontsize
        y0_box = descent + rise
        y1_box = descent + rise + fontsize
        # the parts of apply_matrix_rect's corner sums that are the same for every glyph of the
        # string, each computed with the same operations in the same order
        left_bottom_x, left_bottom_y = a * 0 + c * y0_box, b * 0 + d * y0_box
        left_top_x, left_top_y = a * 0 + c * y1_box, b * 0 + d * y1_box
        c_y0, d_y0, c_y1, d_y1 = c * y0_box, d * y0_box, c * y1_box, d * y1_box
        upright = a * d * scaling > 0 and b * c <= 0
        scolor, ncolor = graphicstate.scolor, graphicstate.ncolor
        stroking = scolor if isinstance(scolor, tuple) else (scolor,)
        non_stroking = ncolor if isinstance(ncolor, tuple) else (ncolor,)
        color_space = self._color_space(ncs)
        height, mb_x0, mb_top, doctop, number = self._height, self._mb_x0, self._mb_top, self._doctop, self._number
        mcid, tag = self.cur_mcid, self.cur_tag
        append = self.chars.append
        (x, y) = pos
        needcharspace = False
        for obj in seq:
            if isinstance(obj, (int, float)):
                x -= obj * dxscale
                needcharspace = True
            elif isinstance(obj, bytes):
                for cid in font.decode(obj):
                    if needcharspace:
                        x += charspace
                    glyph = known.get(cid)
                    if glyph is None:
                        glyph = self._glyph(font, cid, known)
                    text, textwidth = glyph
                    adv = textwidth * fontsize * scaling
                    # translate_matrix(matrix, (x, y))
                    te = x * a + y * c + e
                    tf = x * b + y * d + f
                    # apply_matrix_rect((a, b, c, d, te, tf), (0, y0_box, adv, y1_box))
                    a_adv, b_adv = a * adv, b * adv
                    left1, bottom1 = left_bottom_x + te, left_bottom_y + tf
                    right1, bottom2 = a_adv + c_y0 + te, b_adv + d_y0 + tf
                    right2, top1 = a_adv + c_y1 + te, b_adv + d_y1 + tf
                    left2, top2 = left_top_x + te, left_top_y + tf
                    # min() and max() of the four corners, unrolled (the same first-wins ties)
                    x0 = x1 = left1
                    if left2 < x0:
                        x0 = left2
                    if right1 < x0:
                        x0 = right1
                    if right2 < x0:
                        x0 = right2
                    if left2 > x1:
                        x1 = left2
                    if right1 > x1:
                        x1 = right1
                    if right2 > x1:
                        x1 = right2
                    y0 = y1 = bottom1
                    if bottom2 < y0:
                        y0 = bottom2
                    if top1 < y0:
                        y0 = top1
                    if top2 < y0:
                        y0 = top2
                    if bottom2 > y1:
                        y1 = bottom2
                    if top1 > y1:
                        y1 = top1
                    if top2 > y1:
                        y1 = top2
                    top = height - y1 + mb_top
                    append({"fontname": fontname, "adv": adv, "upright": upright, "x0": x0 + mb_x0, "y0": y0,
                            "x1": x1 + mb_x0, "y1": y1, "width": x1 - x0, "height": y1 - y0, "size": y1 - y0,
                            "matrix": (a, b, c, d, te, tf), "mcid": mcid, "tag": tag, "object_type": "char",
                            "page_number": number, "text": text, "stroking_color": stroking,
                            "non_stroking_color": non_stroking, "top": top, "bottom": height - y0 + mb_top,
                            "doctop": doctop + top, "ncs": color_space})
                    x += adv
                    if cid == 32 and wordspace:
                        x += wordspace
                    needcharspace = True
            else:
                # pdfminer logs and skips such an operand; so do we
                pass
        return (x, y)

    def render_char(self, *args, **kwargs) -> float:
        # vertical writing only (horizontal strings never get here): pdfminer's LTChar, made a dict now
        adv = super().render_char(*args, **kwargs)
        item = self.cur_item._objs.pop()
        if isinstance(item.fontname, bytes):
            raise _BytesFontName
        self.chars.append(_char_dict(item, self._height, self._mb_x0, self._mb_top, self._doctop, self._number,
                                     self._color_space(item.ncs)))
        return adv


def _char_dict(obj: LTChar, height, mb_x0, mb_top, doctop, number, color_space) -> dict:
    gs = obj.graphicstate
    top = height - obj.y1 + mb_top
    return {"fontname": obj.fontname, "adv": obj.adv, "upright": obj.upright, "x0": obj.x0 + mb_x0,
            "y0": obj.y0, "x1": obj.x1 + mb_x0, "y1": obj.y1, "width": obj.width, "height": obj.height,
            "size": obj.size, "matrix": obj.matrix, "mcid": obj.mcid, "tag": obj.tag,
            "object_type": "char", "page_number": number, "text": obj.get_text(),
            "stroking_color": gs.scolor if isinstance(gs.scolor, tuple) else (gs.scolor,),
            "non_stroking_color": gs.ncolor if isinstance(gs.ncolor, tuple) else (gs.ncolor,),
            "top": top, "bottom": height - obj.y0 + mb_top, "doctop": doctop + top, "ncs": color_space}


def page_objects(page, glyphs: dict | None = None) -> dict[str, list[dict]]:
    """pdfplumber's ``page.objects`` of ``page`` (chars, rects, lines, curves, images; no
    annotations). ``glyphs`` is a cache shared by the pages of one file."""
    if page.pdf.unicode_norm is not None or page.pdf.laparams is not None:
        return page.parse_objects()
    device = PageCharDevice(page, {} if glyphs is None else glyphs)
    interpreter = PDFPageInterpreter(page.pdf.rsrcmgr, device)
    try:
        interpreter.process_page(page.page_obj)
    except _BytesFontName:
        return page.parse_objects()  # a rare byte-encoded font name: pdfplumber's own way
    except Exception as exc:  # noqa: BLE001 - as pdfplumber's page.layout reports it
        raise PdfminerException(exc) from exc
    objects: dict[str, list[dict]] = {}
    if device.chars:
        objects["char"] = device.chars
    stack = [iter(device.get_result()._objs)]
    while stack:
        obj = next(stack[-1], None)
        if obj is None:
            stack.pop()
        elif isinstance(obj, LTContainer):
            stack.append(iter(obj._objs))
        else:
            item = page.process_object(obj)
            if item["object_type"] != "anno":
                objects.setdefault(item["object_type"], []).append(item)
    return objects
