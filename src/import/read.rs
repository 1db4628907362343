//! Reading cells: the only calamine user. Routes each file by its first
//! bytes, guards against decompression bombs and huge extents, and returns
//! every sheet's cells and merged ranges — or a Chinese reason why not.
