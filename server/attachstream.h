#pragma once

#include "server/apiserver.h"
#include "server/execstream.h"
#include "server/journaloutput.h"

#include <QPointer>
#include <QTimer>

#include <memory>

namespace OrkestrLocal {

class Journal;

// GET .../execs/{exec_id}/stream: an exec's output as the exec stream sends it, read from the
// journal's output files: the retained output, then live output as it is recorded, then `exit` or `error`.
// Each attacher has its own cursor and reads only while its socket drains, so a slow one never
// holds up the exec or the others; the files are read on the store's reader threads, one page
// at a time per attacher, and the event loop goes on meanwhile; output dropped (retention) before it was read
// becomes one `gap` per stream and the attacher skips ahead. It deletes itself.
class AttachStream : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 MaxBuffered = 256 * 1024;

    // record: the exec's record as GET .../execs/{id} answers it. live: only what comes next.
    AttachStream(std::shared_ptr<ApiCall> call, Journal &journal, const QJsonObject &record, bool live,
                 QObject *parent = nullptr);

private:
    void pump();
    void take(const ExecOutputStore::Page &page);
    void sendChunk(int stream, qint64 offset, const QByteArray &bytes);
    void sendGap(int stream, qint64 to);
    void flushPending(int stream);
    void sendEnd();
    void sendEvent(const QByteArray &name, const QJsonObject &data);

    std::shared_ptr<ApiCall> m_call;
    QString m_requestId;
    Journal &m_journal;
    QString m_execId;
    QString m_sandboxId;
    QPointer<SseDevice> m_device;
    qint64 m_index = -1; // the last chunk read
    qint64 m_expected[2] = {0, 0}; // the next offset of each stream
    QByteArray m_pending[2]; // an incomplete UTF-8 sequence held for the next chunk
    QTimer m_keepalive;
    bool m_reading = false; // a page is being read from the files
    bool m_execEnded = false; // its record is no longer running
    bool m_ended = false;
};

} // namespace OrkestrLocal
