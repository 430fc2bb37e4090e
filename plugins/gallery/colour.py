"""Pixel modes and colour: whatever the camera or the scanner wrote, the
derivatives are 8-bit sRGB (with alpha only where it is really used).

Browsers show untagged images as sRGB, and the derivatives carry no
profile (it is metadata like any other, and costs bytes), so a photo in
another colour space (Display P3 from iPhones, Adobe RGB from cameras, CMYK
from print workflows) is converted here, or its colours would shift.
"""

from __future__ import annotations

import contextlib
import io

from PIL import Image, ImageCms

# Modes resampling handles well; everything else is converted first.
_RESAMPLABLE = {"L", "LA", "RGB", "RGBA", "CMYK"}


def working_mode(image: Image.Image) -> Image.Image:
    """`image` in a mode that can be resampled without losing colour."""
    mode = image.mode
    if mode in _RESAMPLABLE:
        return image
    if mode in ("P", "PA"):
        # Resampling a palette picks nearest colours: expand it first.
        has_alpha = mode == "PA" or "transparency" in image.info
        return image.convert("RGBA" if has_alpha else "RGB")
    if mode.startswith("I") or mode == "F":
        # 16-bit (and float) greyscale: scale to 8 bits rather than clip,
        # or everything above 255 of 65535 would turn white.
        if mode == "F":
            return image.convert("L")
        return image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    if mode == "1":
        return image.convert("L")
    if mode in ("La", "RGBa"):
        return image.convert(mode.upper())
    return image.convert("RGB")


def _profile(data: bytes):
    try:
        return ImageCms.ImageCmsProfile(io.BytesIO(data))
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return None


def to_srgb(image: Image.Image, icc_profile: bytes | None) -> Image.Image:
    """8-bit sRGB (or greyscale) pixels, alpha kept, profile applied."""
    alpha = None
    if image.mode in ("RGBA", "LA"):
        alpha = image.getchannel("A")
        image = image.convert("RGB" if image.mode == "RGBA" else "L")
    profile = _profile(icc_profile) if icc_profile else None
    # Applied even when it claims to be sRGB: a name proves nothing, and the
    # transform of the large image costs a few hundredths of a second.
    if profile is not None:
        # A profile that does not fit the pixels (a greyscale profile on RGB
        # data, a broken one) is ignored: the plain conversion below is the
        # best guess left.
        with contextlib.suppress(ImageCms.PyCMSError):
            image = ImageCms.profileToProfile(
                image, profile, ImageCms.createProfile("sRGB"),
                renderingIntent=ImageCms.Intent.PERCEPTUAL, outputMode="RGB")
    if image.mode == "CMYK":
        image = image.convert("RGB")
    if alpha is not None and alpha.getextrema()[0] < 255:
        if image.mode == "L":
            image = image.convert("RGB")
        image.putalpha(alpha)
    return image
