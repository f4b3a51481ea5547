//! Attendance grids (see `maillage_interop::attendance`).
