#pragma once
// A poll timer that never fires, for tests and benches that refresh the
// inventory engine themselves.

#include "ApiCaller.h"

namespace inventory {

class NoTimer : public PollTimer {
public:
    void start(int, std::function<void()>) override {}
    void stop() override {}
};

} // namespace inventory
