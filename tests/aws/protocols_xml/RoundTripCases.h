#pragma once
// Server-side round-trip cases (sandbox → client) on the real models. Kept
// out of the test's .cpp because moc cannot read raw string literals.

#include <vector>

namespace xmltest {

/// One operation: the params a client sends and an output the sandbox answers.
struct RoundTripCase {
    const char *service;
    const char *operation;
    const char *params; ///< JSON
    const char *output; ///< JSON
};

const std::vector<RoundTripCase> &roundTripCases();

} // namespace xmltest
