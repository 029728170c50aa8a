"""The site stage: the MkDocs adapter (``plugin``) and the atomic build (``build``)."""
