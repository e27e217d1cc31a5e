#pragma once

#include <QWidget>

class QPushButton;
class QVBoxLayout;

namespace OrkestrSession {
class Transfer;
class TransferQueue;
} // namespace OrkestrSession

namespace OrkestrUi {

// Shows the transfers of a sandbox's TransferQueue, newest last, each with a progress bar, its
// speed and a cancel button, and clears the finished ones on request.
class TransfersPanel : public QWidget
{
    Q_OBJECT
public:
    explicit TransfersPanel(OrkestrSession::TransferQueue *queue, QWidget *parent = nullptr);

    OrkestrSession::TransferQueue *queue() const { return m_queue; }

private:
    void addRow(OrkestrSession::Transfer *transfer);

    OrkestrSession::TransferQueue *m_queue;
    QVBoxLayout *m_rows;
    QPushButton *m_clear;
};

} // namespace OrkestrUi
