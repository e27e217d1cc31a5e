#pragma once

#include <QByteArray>
#include <QString>

namespace OrkestrLocal {

struct Sandbox;

// Appends the sandbox's API object (the same object as Sandbox::toJson()) as compact JSON text,
// written directly: a page of 1,000 sandboxes is built without a QJsonObject per sandbox and
// without a document to serialize them again.
void appendSandboxJson(QByteArray &out, const Sandbox &sandbox);

// The body of one GET /v1/sandboxes page, `{"sandboxes":[...],"next_cursor":...}`, built as the
// listing finds its sandboxes.
class SandboxPageJson
{
public:
    explicit SandboxPageJson(int limit);
    void append(const Sandbox &sandbox);
    int size() const { return m_size; }
    // The whole body; nextCursor empty for null (the last page).
    QByteArray finish(const QString &nextCursor);

private:
    QByteArray m_body;
    int m_size = 0;
};

} // namespace OrkestrLocal
