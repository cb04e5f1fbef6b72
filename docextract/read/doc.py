"""Legacy Word 97-2003 (.doc), RTF and OpenDocument text, through LibreOffice or antiword.

LibreOffice (``soffice --headless --convert-to docx``) is preferred: the converted .docx then
goes through the docx reader, so automatic numbering and tables come out the same way. antiword
(plain text, one paragraph per line) is the fallback for .doc. Without either, a clear
UnreadableInput says what to install.
"""
from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from ..errors import UnreadableInput

TIMEOUT = 180  # seconds for one conversion
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_profile_lock = threading.Lock()
_profile_dir: str | None = None


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def ole_kind(data: bytes) -> str:
    """What an OLE2 (Compound File) container holds: 'doc', 'encrypted', 'xls', 'ppt', 'msg', 'ole'."""
    if _utf16("EncryptedPackage") in data or _utf16("EncryptionInfo") in data:
        return "encrypted"
    if _utf16("WordDocument") in data:
        return "doc"
    if _utf16("Workbook") in data or _utf16("Book") in data[:65536] and _utf16("WordDocument") not in data:
        return "xls"
    if _utf16("PowerPoint Document") in data:
        return "ppt"
    if _utf16("__substg1.0_") in data:
        return "msg"
    return "ole"


_OLE_NAMES = {
    "xls": "an Excel 97-2003 workbook", "ppt": "a PowerPoint 97-2003 presentation",
    "msg": "an Outlook message", "ole": "an OLE2 container that is not a Word document",
}


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _profile() -> str:
    """One LibreOffice user profile per process (two processes must not share one)."""
    global _profile_dir
    with _profile_lock:
        if _profile_dir is None:
            _remove_stale_profiles()
            _profile_dir = tempfile.mkdtemp(prefix=f"docextract-lo-{os.getpid()}-")
            atexit.register(shutil.rmtree, _profile_dir, True)
        return _profile_dir


def _remove_stale_profiles() -> None:
    """Profiles left by processes that ended without atexit (batch workers end with os._exit)."""
    for path in Path(tempfile.gettempdir()).glob("docextract-lo-*-*"):
        try:
            pid = int(path.name.split("-")[2])
            os.kill(pid, 0)
        except ProcessLookupError:
            shutil.rmtree(path, ignore_errors=True)
        except (ValueError, IndexError, PermissionError, OSError):
            continue


def convert_with_soffice(data: bytes, name: str, suffix: str, target: str = "docx") -> bytes:
    """Convert ``data`` (a .doc/.rtf/.odt file) to ``target`` bytes with LibreOffice."""
    soffice = soffice_path()
    if soffice is None:
        raise UnreadableInput(name, f".{suffix} files need LibreOffice (soffice) to be read; it is not installed")
    with tempfile.TemporaryDirectory(prefix="docextract-conv-") as tmp:
        src = Path(tmp) / f"input.{suffix}"
        src.write_bytes(data)
        out_dir = Path(tmp) / "out"
        out_dir.mkdir()
        cmd = [soffice, f"-env:UserInstallation=file://{_profile()}", "--headless", "--norestore",
               "--nolockcheck", "--nodefault", "--convert-to", target, "--outdir", str(out_dir), str(src)]
        try:
            subprocess.run(cmd, capture_output=True, timeout=TIMEOUT, check=False,
                           env={**os.environ, "HOME": tmp}, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise UnreadableInput(name, f"LibreOffice did not convert the .{suffix} file within {TIMEOUT} s") from None
        except OSError as exc:
            raise UnreadableInput(name, f"LibreOffice could not be run ({exc})") from None
        produced = list(out_dir.glob(f"*.{target}"))
        if not produced or produced[0].stat().st_size == 0:
            raise UnreadableInput(name, f"LibreOffice could not convert the .{suffix} file (damaged or password-protected?)")
        return produced[0].read_bytes()


def _antiword(data: bytes, name: str) -> str | None:
    antiword = shutil.which("antiword")
    if antiword is None:
        return None
    with tempfile.NamedTemporaryFile(suffix=".doc") as handle:
        handle.write(data)
        handle.flush()
        try:
            result = subprocess.run([antiword, "-m", "UTF-8.txt", "-w", "0", handle.name],
                                    capture_output=True, timeout=TIMEOUT, check=False, stdin=subprocess.DEVNULL)
        except (subprocess.TimeoutExpired, OSError):
            return None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip()
        if "encrypt" in message.lower() or "password" in message.lower():
            raise UnreadableInput(name, "encrypted Word file (password-protected): cannot be read")
        return None
    return result.stdout.decode("utf-8", "replace")


def read_doc(data: bytes, name: str) -> str | tuple[str, list[str]]:
    kind = ole_kind(data)
    if kind == "encrypted":
        raise UnreadableInput(name, "encrypted Office file (password-protected): cannot be read")
    if kind != "doc":
        raise UnreadableInput(name, f"{_OLE_NAMES.get(kind, 'an OLE2 file')}, not a Word document")
    failure = None
    if soffice_path():
        from .docx import read_docx

        try:
            return read_docx(convert_with_soffice(data, name, "doc"), name)
        except UnreadableInput as exc:
            failure = exc
    text = _antiword(data, name)
    if text is not None:
        if not text.strip():
            raise UnreadableInput(name, "Word file contains no text")
        return text
    if failure is not None:
        raise failure
    raise UnreadableInput(name, "legacy .doc needs LibreOffice (soffice) or antiword to be read; neither is installed")


def read_rtf(data: bytes, name: str) -> tuple[str, list[str]]:
    from .docx import read_docx

    return read_docx(convert_with_soffice(data, name, "rtf"), name)
