"""The officers' web editor (Decap CMS): its generated configuration and its local servers.

``admin/config.yml`` is generated from ``accounts.yml`` and
``schema/post.schema.json`` (:mod:`.config`), so the editor never offers a
field, a category or an account that ``check`` would refuse. ``admin/index.html``
is hand-written: the preview, the file format and the image cleaning.
"""
