#pragma once

#include "session/attention.h"

#include <QWidget>

class QLabel;
class QToolButton;

namespace OrkestrUi {

// A strip above the list that says what needs a person: failed sandboxes, sandboxes about to
// expire, a full snapshot quota, rate limiting, a lost connection. Hidden when nothing does.
// Its button filters the list to the sandboxes concerned.
class AttentionStrip : public QWidget
{
    Q_OBJECT
public:
    explicit AttentionStrip(QWidget *parent = nullptr);

    void setSummary(const OrkestrSession::AttentionSummary &summary);
    OrkestrSession::AttentionSummary summary() const { return m_summary; }
    QString text() const;
    QToolButton *filterButton() const { return m_filter; }
    // Whether the list is filtered to what needs attention (the button is checked).
    bool isFiltering() const;
    void setFiltering(bool filtering);

Q_SIGNALS:
    void filterToggled(bool filtering);

private:
    OrkestrSession::AttentionSummary m_summary;
    QLabel *m_text;
    QToolButton *m_filter;
};

} // namespace OrkestrUi
