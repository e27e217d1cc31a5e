#pragma once

// Waiting for a condition in a test without slowing down what is being waited for.
//
// QTest::qWaitFor (and the QTRY_ macros built on it) sleep 10 ms between event-loop passes. A
// network transfer moves about one socket buffer per pass, so under qWaitFor a 100 MiB upload
// took 95 s instead of 5 s, and heavy tests crept towards their ctest timeout on a slower
// machine. waitUntil runs a real event loop instead: sockets wake it the moment they have data.

#include <QEventLoop>
#include <QTimer>

#include <chrono>

namespace OrkestrTest {

template<typename Predicate> bool waitUntil(Predicate done, std::chrono::milliseconds timeout)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer poll;
    poll.setInterval(std::chrono::milliseconds(5));
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    poll.start();
    deadline.start(timeout);
    loop.exec();
    return done();
}

template<typename Predicate> bool waitUntil(Predicate done, int timeoutMs)
{
    return waitUntil(std::move(done), std::chrono::milliseconds(timeoutMs));
}

} // namespace OrkestrTest
