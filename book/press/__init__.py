"""Stage 4, press work on written PDFs: what a print shop needs.

``marks`` sets the boxes and draws crop marks outside the bleed; ``impose``
places pages two-up for an office proof; ``separation`` turns screen colours
and images into CMYK through the press profile; ``preflight`` checks a PDF
as a print shop would.
"""
