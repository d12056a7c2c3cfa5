#pragma once
// Inputs and outputs of the operations Deploy Console uses, for client ↔
// server round trips through the JSON codec with the real service models.

#include <vector>

namespace jsontest {

struct RoundTripSample {
    const char *service;
    const char *operation;
    const char *input;  ///< JSON, our conventions
    const char *output; ///< JSON, our conventions
};

const std::vector<RoundTripSample> &roundTripSamples();

} // namespace jsontest
