#include "guiprobe.h"

namespace OrkestrTest {

GuiProbe::GuiProbe()
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(10);
    QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] {
        const qint64 gap = m_sinceTick.restart();
        if (gap > m_maxGapMs) {
            m_maxGapMs = gap;
            m_maxGapEndedMs = m_sinceStart.elapsed();
        }
        ++m_ticks;
    });
}

void GuiProbe::start()
{
    m_maxGapMs = 0;
    m_maxGapEndedMs = 0;
    m_ticks = 0;
    m_sinceStart.start();
    m_sinceTick.start();
    m_timer.start();
}

QByteArray GuiProbe::describe() const
{
    return QByteArray("longest GUI gap ") + QByteArray::number(m_maxGapMs) + " ms (ended "
        + QByteArray::number(m_maxGapEndedMs) + " ms after the start), " + QByteArray::number(m_ticks)
        + " ticks of 10 ms";
}

} // namespace OrkestrTest
