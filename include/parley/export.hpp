#pragma once

/// Marks what libparley.so exports: the classes and functions of include/parley/. The
/// library is compiled with hidden visibility, so everything else (the analysis, matching,
/// tagging and storage code, and the third-party libraries it links) stays inside it.
/// PARLEY_LOCAL keeps a public class's private implementation (its Impl) inside, which
/// would otherwise take the class's visibility.
#if defined(__GNUC__) || defined(__clang__)
#define PARLEY_API __attribute__((visibility("default")))
#define PARLEY_LOCAL __attribute__((visibility("hidden")))
#else
#define PARLEY_API
#define PARLEY_LOCAL
#endif
