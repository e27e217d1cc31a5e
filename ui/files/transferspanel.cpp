#include "ui/files/transferspanel.h"

#include "session/transferqueue.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using OrkestrSession::Transfer;

namespace OrkestrUi {

TransfersPanel::TransfersPanel(OrkestrSession::TransferQueue *queue, QWidget *parent)
    : QWidget(parent)
    , m_queue(queue)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *header = new QHBoxLayout;
    header->addWidget(new QLabel(tr("<b>Transfers</b>"), this));
    header->addStretch();
    m_clear = new QPushButton(tr("Clear finished"), this);
    header->addWidget(m_clear);
    layout->addLayout(header);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    auto *content = new QWidget(scroll);
    m_rows = new QVBoxLayout(content);
    m_rows->addStretch();
    scroll->setWidget(content);
    layout->addWidget(scroll);
    connect(m_clear, &QPushButton::clicked, m_queue, &OrkestrSession::TransferQueue::clearFinished);
    for (Transfer *transfer : m_queue->transfers())
        addRow(transfer);
    connect(m_queue, &OrkestrSession::TransferQueue::transferAdded, this, &TransfersPanel::addRow);
}

void TransfersPanel::addRow(Transfer *transfer)
{
    auto *row = new QWidget;
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    const bool upload = transfer->direction() == Transfer::Direction::Upload;
    auto *name = new QLabel(upload ? tr("↑ %1").arg(transfer->remotePath())
                                   : tr("↓ %1 → %2").arg(transfer->remotePath(), transfer->localPath()),
                            row);
    name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *bar = new QProgressBar(row);
    bar->setRange(0, 1000);
    bar->setMaximumWidth(200);
    auto *status = new QLabel(tr("Queued"), row);
    auto *cancel = new QPushButton(tr("Cancel"), row);
    layout->addWidget(name, 1);
    layout->addWidget(bar);
    layout->addWidget(status);
    layout->addWidget(cancel);
    m_rows->insertWidget(m_rows->count() - 1, row);
    connect(transfer, &QObject::destroyed, row, &QObject::deleteLater);
    connect(cancel, &QPushButton::clicked, transfer, &Transfer::cancel);
    const auto show = [transfer, bar, status, cancel] {
        bar->setValue(int(transfer->fraction() * 1000));
        switch (transfer->state()) {
        case Transfer::State::Queued:
            status->setText(tr("Queued"));
            break;
        case Transfer::State::Running:
            status->setText(tr("%1/s").arg(QLocale().formattedDataSize(qint64(transfer->bytesPerSecond()))));
            break;
        case Transfer::State::Succeeded:
            status->setText(tr("Done"));
            break;
        case Transfer::State::Cancelled:
            status->setText(tr("Cancelled"));
            break;
        case Transfer::State::Failed:
            status->setText(tr("Failed: %1").arg(transfer->error().displayText()));
            status->setWordWrap(true);
            status->setToolTip(transfer->error().displayText());
            bar->setToolTip(transfer->error().displayText());
            break;
        }
        cancel->setEnabled(!transfer->isFinished());
    };
    connect(transfer, &Transfer::changed, row, show);
    show(); // a transfer may be under way (or over) before its row is made
}

} // namespace OrkestrUi
