// fuzz_server_paths: orkestr-local's file path check (GET/PUT/DELETE /files, files/list).
//
// Input: the request's query string, e.g. "path=%2Fworkspace%2Fdir%2F..%2Fa.txt", decoded as the
// server decodes it. The path is resolved in a fixture sandbox whose workspace and tmp hold
// symlinks of every kind (relative, absolute, up and out, loops, chains, into the host), with the
// leaf followed (read, write, list) and not (delete).
// Property: a path the server accepts maps to a host path under the sandbox's workspace/ or tmp/,
// with no "." or ".." left, and every part of it that exists (the leaf too, unless it is not
// followed) really is inside workspace/ or tmp/ once the file system resolves it.

#include "fuzz/fuzzinput.h"
#include "server/requestparsing.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QUrlQuery>

#include <memory>

using namespace OrkestrLocal;
using namespace OrkestrFuzz;
using namespace Qt::StringLiterals;

namespace {

struct Fixture
{
    QTemporaryDir dir;
    QString root; // the sandbox's directory: workspace/, tmp/, and things outside them
    QString workspace; // canonical
    QString tmp; // canonical
};

Fixture *fixture()
{
    static std::unique_ptr<Fixture> instance;
    if (instance)
        return instance.get();
    instance = std::make_unique<Fixture>();
    FUZZ_CHECK(instance->dir.isValid());
    const QString base = instance->dir.path();
    const QString root = base + u"/sbx_fuzz"_s;
    instance->root = root;
    const auto mkdir = [&](const QString &relative) {
        FUZZ_CHECK(QDir().mkpath(root + u'/' + relative));
    };
    const auto file = [&](const QString &relative) {
        QFile f(root + u'/' + relative);
        FUZZ_CHECK(f.open(QIODevice::WriteOnly));
        f.write("x");
    };
    const auto link = [&](const QString &target, const QString &relative) {
        FUZZ_CHECK(QFile::link(target, root + u'/' + relative));
    };
    mkdir(u"workspace/dir/sub"_s);
    mkdir(u"tmp/cache"_s);
    mkdir(u"outside"_s);
    mkdir(u"etc"_s);
    FUZZ_CHECK(QDir().mkpath(base + u"/host"_s));
    file(u"workspace/a.txt"_s);
    file(u"workspace/dir/b.txt"_s);
    file(u"outside/secret"_s);
    file(u"etc/passwd"_s);
    link(u".."_s, u"workspace/up"_s);
    link(u"../.."_s, u"workspace/dir/up2"_s);
    link(u"../outside"_s, u"workspace/out"_s);
    link(u"/etc"_s, u"workspace/etc"_s);
    link(u"/tmp"_s, u"workspace/tmplink"_s);
    link(u"../tmp/cache"_s, u"workspace/cache"_s);
    link(u"/workspace/dir/sub"_s, u"workspace/abs_sub"_s);
    link(u"/workspace/../outside"_s, u"workspace/abs_out"_s);
    link(u"loop"_s, u"workspace/loop"_s);
    link(u"ping"_s, u"workspace/pong"_s);
    link(u"pong"_s, u"workspace/ping"_s);
    link(u"chain2"_s, u"workspace/chain1"_s);
    link(u"dir/sub"_s, u"workspace/chain2"_s);
    link(u"../../../tmp"_s, u"workspace/dir/sub/deep"_s);
    link(u"../../workspace/a.txt"_s, u"workspace/dir/sub/a_link"_s);
    link(u"a.txt"_s, u"workspace/leaf"_s);
    link(u"/outside/secret"_s, u"workspace/leaf_out"_s);
    link(u"missing/../../outside"_s, u"workspace/dangling"_s);
    link(u"/workspace/dir"_s, u"tmp/back"_s);
    link(u"."_s, u"tmp/self"_s);
    link(u"./../workspace"_s, u"tmp/ws"_s);
    link(base + u"/host"_s, u"workspace/host"_s); // a host path: inside the sandbox it means nothing
    link(root + u"/outside"_s, u"workspace/host_out"_s);
    instance->workspace = QFileInfo(root + u"/workspace"_s).canonicalFilePath();
    instance->tmp = QFileInfo(root + u"/tmp"_s).canonicalFilePath();
    return instance.get();
}

bool inside(const QString &path, const QString &directory)
{
    return path == directory || path.startsWith(directory + u'/');
}

void checkAccepted(const Fixture &f, const QString &requested, const QString &host, bool followLeaf)
{
    FUZZ_CHECK(inside(host, f.root + u"/workspace"_s) || inside(host, f.root + u"/tmp"_s));
    const QStringList parts = host.mid(f.root.size() + 1).split(u'/');
    for (const auto &part : parts)
        FUZZ_CHECK(!part.isEmpty() && part != u"."_s && part != u".."_s);
    // Every existing prefix, resolved by the kernel, stays inside.
    QString prefix = f.root;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        prefix += u'/' + parts[i];
        const bool leaf = i == parts.size() - 1;
        if (leaf && !followLeaf)
            break;
        const QFileInfo info(prefix);
        if (!info.exists())
            break;
        const QString canonical = info.canonicalFilePath();
        if (!inside(canonical, f.workspace) && !inside(canonical, f.tmp)) {
            std::fprintf(stderr, "path %s -> %s resolves to %s\n", qPrintable(requested), qPrintable(host),
                         qPrintable(canonical));
            FUZZ_CHECK(false);
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fixture();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const Fixture &f = *fixture();
    const QByteArray query(reinterpret_cast<const char *>(data), qsizetype(size));
    // As the server reads it: QHttpServerRequest::query() of the URL, then the decoded item.
    const QString path = QUrlQuery(QString::fromUtf8(query)).queryItemValue(u"path"_s, QUrl::FullyDecoded);
    for (const bool followLeaf : {true, false}) {
        QString why;
        const QString host = resolveSandboxPath(f.root, path, followLeaf, &why);
        FUZZ_CHECK(host.isEmpty() != why.isEmpty());
        if (!host.isEmpty())
            checkAccepted(f, path, host, followLeaf);
        // The check does not depend on how the path is spelled: an accepted path resolves the same
        // with extra slashes and "." parts.
        if (!host.isEmpty() && path.startsWith(u'/')) {
            QString respelled = path;
            respelled.replace(u'/', u"//./"_s);
            QString why2;
            FUZZ_CHECK(resolveSandboxPath(f.root, respelled, followLeaf, &why2) == host);
        }
    }
    return 0;
}
