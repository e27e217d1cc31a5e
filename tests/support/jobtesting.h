#pragma once

// Running a job to its end in a test.

#include "core/job.h"

#include <QPointer>
#include <QSignalSpy>

// Waits for the job to finish; true when it succeeded.
bool runToEnd(Orkestr::Job *job, int timeoutMs = 10000);
