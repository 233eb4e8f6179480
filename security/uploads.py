"""The upload size limit, enforced while the request body is read.

Django spools a large upload to a temporary file before any form sees it, so a check of
`uploaded_file.size` comes after the whole body was received and written to disk. This
handler, first of `FILE_UPLOAD_HANDLERS`, counts the bytes of the files of a request as they
arrive and stops reading the body as soon as they pass `UPLOAD_MAX_BYTES`: a 1 GB upload
costs one chunk past the limit, not 1 GB of disk.

The refused file is replaced in `request.FILES` by a `RefusedUpload`, an empty file whose
size is what had arrived, so that the form's own size check refuses it with its usual
message ("larger than 10 MB, the largest accepted") instead of "this field is required".
"""

import io

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http.multipartparser import MultiPartParser


class RefusedUpload(UploadedFile):
    """Stands for a file refused for its size: no content, and a size above the limit."""

    def __init__(self, *, name, content_type, received):
        super().__init__(io.BytesIO(), name=name, content_type=content_type, size=received)


class UploadSizeLimitHandler(FileUploadHandler):
    """Counts the file bytes of one request (all its files together) and stops reading the
    body once they pass settings.UPLOAD_MAX_BYTES."""

    def __init__(self, request=None):
        super().__init__(request)
        self.limit = settings.UPLOAD_MAX_BYTES
        self.received = 0
        self.refused = None
        self._parsing = False

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        # Parse the body here, with the same handlers, so that a refused file can be put
        # back into FILES; the parser gives handlers no other way to reach it.
        if self._parsing:
            return None
        self._parsing = True
        parser = MultiPartParser(META, input_data, list(self.request.upload_handlers), encoding)
        post, files = parser.parse()
        if self.refused is not None:
            field_name, file_name, content_type = self.refused
            files.setlist(
                field_name,
                [RefusedUpload(name=file_name, content_type=content_type, received=self.received)],
            )
        return post, files

    def new_file(self, field_name, file_name, content_type, content_length, *args, **kwargs):
        super().new_file(field_name, file_name, content_type, content_length, *args, **kwargs)
        # A part that announces its own length is refused before any of it is read.
        if content_length and self.received + content_length > self.limit:
            self.received += content_length
            self._refuse()

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self._refuse()
        return raw_data

    def file_complete(self, file_size):
        # The next handlers (memory or temporary file) build the uploaded file.
        return None

    def _refuse(self):
        self.refused = (self.field_name, self.file_name, self.content_type)
        # Stop reading: the rest of the body is never received, let alone stored.
        raise StopUpload(connection_reset=True)
