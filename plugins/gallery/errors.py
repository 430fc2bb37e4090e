"""Why a photo could not be published, and what the editor is told.

A worker process describes a failure as plain data (`Failure`: a kind and a
few values), which is cached like a derivative set, so a broken photo costs
nothing on the next build and is reported again every time. The Vietnamese
text is made here, in the build process, where the article and its line
are known.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from portal.diagnostics import NOTICE, WARNING, PortalError
from portal.source import MISSING_IMAGE, MISSING_IMAGE_HINT

PLUGIN = "gallery"
FORMATS_HINT = "hãy lưu ảnh dưới dạng JPEG, PNG, WebP, GIF hoặc HEIC"


class GalleryError(PortalError):
    """The photo pipeline itself cannot go on (not one bad photo)."""


@dataclass(frozen=True)
class Failure:
    kind: str
    detail: dict = field(default_factory=dict, hash=False, compare=False)

    def to_json(self) -> dict:
        return {"error": self.kind, **self.detail}

    @classmethod
    def from_json(cls, data: dict) -> Failure:
        data = dict(data)
        return cls(data.pop("error"), data)


def describe(failure: Failure, src: str) -> tuple[str, str, str]:
    """(message, hint, level) for a failure of the photo written as `src`."""
    d = failure.detail
    kind = failure.kind
    if kind == "missing":
        return MISSING_IMAGE.format(src=src), MISSING_IMAGE_HINT, WARNING
    if kind == "special":
        return (f"tệp ảnh '{src}' không phải là một tệp thông thường (thư mục, "
                "thiết bị, FIFO…)", "hãy thay bằng chính tệp ảnh", WARNING)
    if kind == "empty":
        return (f"tệp ảnh '{src}' rỗng (0 byte)",
                "hãy chép lại ảnh từ máy ảnh hoặc điện thoại", WARNING)
    if kind == "broken":
        return (f"tệp ảnh '{src}' bị hỏng hoặc chưa chép hết",
                "hãy chép lại tệp ảnh gốc rồi dựng lại trang", WARNING)
    if kind == "unknown":
        return (f"tệp '{src}' không phải là ảnh ở định dạng được hỗ trợ",
                FORMATS_HINT, WARNING)
    if kind == "unsupported":
        return (f"tệp '{src}' là ảnh {d.get('format')}, định dạng này không "
                "được hỗ trợ", FORMATS_HINT, WARNING)
    if kind == "extension":
        return (f"tệp ảnh '{src}' có đuôi '{d.get('extension')}' nhưng thực ra "
                f"là ảnh {d.get('format')}",
                f"hãy đổi đuôi tệp thành '{d.get('expected')}' và sửa tên ảnh "
                "trong bài viết cho khớp", WARNING)
    if kind == "too_large":
        if "width" in d:
            size = f"{d['width']}×{d['height']} điểm ảnh ({d['megapixels']} MP)"
        elif "megapixels" in d:
            size = f"{d['megapixels']} MP"
        else:
            size = f"hơn {d.get('limit')} MP"
        return (f"ảnh '{src}' quá lớn: {size}, giới hạn là {d.get('limit')} MP",
                "hãy thu nhỏ ảnh (ví dụ cạnh dài 6000 điểm ảnh) rồi chép lại",
                WARNING)
    if kind == "animated":
        return (f"ảnh động '{src}': chỉ đăng khung hình đầu tiên",
                "nếu cần hình động, hãy đăng video", NOTICE)
    return (f"không xử lý được ảnh '{src}' ({kind})",
            "hãy chép lại tệp ảnh gốc", WARNING)
