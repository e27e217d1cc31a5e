#pragma once

#include <QList>

#include <functional>

namespace OrkestrUi {

// A step that may need an answer from the user: it returns true when it is done at once, or
// false and calls `done` later (with false when the user said no, also when that was at once).
using AnsweredStep = std::function<bool(std::function<void(bool ok)> done)>;

// Runs the steps one after another, each only once the one before is done, and stops at the
// first that says no (e.g. closing editors, each asking about its unsaved changes). Returns true
// when all were done by the time it returns; `done` gets the outcome in the end.
bool runInTurn(QList<AnsweredStep> steps, std::function<void(bool ok)> done = {});

} // namespace OrkestrUi
