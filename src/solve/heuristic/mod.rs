//! Fast primal heuristics. They give HiGHS a MIP start and the models a valid upper bound
//! (p-center levels); they never decide a reported status on their own.

pub mod capture;
pub mod cover;
pub mod cover_swap;
pub mod cover_vns;
pub mod exact_swap;
pub mod fast_swap;
mod fast_vns;
mod local_vns;
pub mod pcenter;
pub mod pmedian;
pub mod swap;
pub mod vns;
