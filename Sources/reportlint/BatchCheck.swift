import ArgumentParser
import Foundation
import ReportCheck
import ReportDocument
import ReportNormalizer
import ReportOutput
import RuleEngine

extension CheckCommand {
    /// `check` with the batch options: manifest and shard selection, cache, change tracking, several outputs,
    /// progress. Results stream to the outputs as reports finish; nothing per report is kept beyond that.
    /// Configuration files apply as in a plain check: each file is checked with the rule set of its
    /// `.reportlint.yml` and its suppressions.
    func runBatch(gate: Gate, collection: InputCollector.Collection) throws {
        let start = Date()
        var collection = collection
        // include/exclude of the configuration files, as in a plain check
        var gateRun = GateRun(options: gateOptions, gate: gate)
        collection.inputs = gateRun.select(collection.inputs)
        var manifestEntries: [String: Manifest.Entry] = [:]
        if let m = batch.manifest {
            let manifest: Manifest
            do { manifest = try Manifest.load(m) } catch { throw CLIError.input("\(error)") }
            var known = Set(collection.inputs.map(\.path))
            for e in manifest.entries {
                manifestEntries[e.path] = e
                if known.insert(e.path).inserted {
                    var isDir: ObjCBool = false
                    if FileManager.default.fileExists(atPath: e.path, isDirectory: &isDir) {
                        collection.inputs.append(isDir.boolValue ? .missing(e.path, reason: "is a directory") : .file(e.path))
                    } else {
                        collection.inputs.append(.missing(e.path, reason: "no such file or directory"))
                    }
                }
            }
        }
        var selected = collection.inputs
        if let shard = try batch.parsedShard() { selected = selected.filter { $0 == .stdin ? shard.index == 1 : shard.contains($0.path) } }
        let inputs = selected

        let cache: ResultCache?
        do { cache = try batch.cache.map { try ResultCache(path: $0) } } catch { throw CLIError.usage("\(error)") }
        let baseConfig: String
        do {
            // Fingerprints are relative to the working directory: a result cached by a run started elsewhere
            // carries other fingerprints than this run computes.
            let workingDirectory = String(ContentHash.of(Array(Fingerprint.workingDirectory.utf8)).prefix(16))
            baseConfig = try RuleSetLoader.sourceDigest(packs.rules, parameterOverrides: [:])
                + "|" + ReportChecker.toolBuild + "|" + (year.map(String.init) ?? "") + "|" + workingDirectory
        } catch { throw CLIError.rulePack(error.description) }
        if let cache { do { try cache.beginRun(config: baseConfig) } catch { throw CLIError.usage("\(error)") } }

        let rulesByID = Dictionary(gate.rules.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let codec = cache == nil ? nil : CompactResultJSON(rules: gate.rules)
        let summaries = CachedSummaryDecoder(rules: rulesByID)
        let stdinName = stdinFilename ?? "<stdin>"
        let stdinBytes: [UInt8]? = inputs.containsStdin ? Array(FileHandle.standardInput.readDataToEndOfFile()) : nil
        let context = ReportContext(packs: gate.packInfos, rules: gate.rules,
                                    baseDirectory: FileManager.default.currentDirectoryPath, color: false)
        var targets = try BatchTarget.make(format: format, output: output, outputDir: batch.outputDir, context: context)
        if let codec { for t in targets where t.format == .jsonl { t.sink.expandInBackground(with: codec) } }
        // A nightly rerun reuses almost everything: the allocator's decommit waits until the run evaluates for real.
        let counters = cache != nil && AllocatorTuning.setAggressiveDecommit(false)
            ? Counters(whenEvaluated: AllocatorTuning.evaluationsBeforeDecommit) { AllocatorTuning.setAggressiveDecommit(true) }
            : Counters()
        let jsonlOnly = targets.allSatisfy { $0.format == .jsonl }
        let writesJSONL = targets.contains { $0.format == .jsonl }
        let writesDashboard = targets.contains { $0.format == .html }
        let csvColumns = targets.lazy.compactMap { $0.csv?.fixedRuleColumns }.first
        let entries = manifestEntries

        // What the outputs and the change report need besides the result.
        // `onWorker`: the JSON-lines line is built here only on a worker thread (a copy the delivering thread would
        // otherwise make); on the delivering thread it is written straight from the JSON.
        let finish: @Sendable (inout BatchItem, Manifest.Entry?, _ onWorker: Bool) -> Void = { item, entry, onWorker in
            if let cache {
                let prev = item.previousLooked ? item.previous : cache.previousStatus(of: item.result.path)
                item.lookedUp(previous: prev)
                if let prev, BatchAnnotation.hasStatus(item.result, verdict: prev.verdict, failing: prev.failing) {
                    item.status = prev
                } else {
                    item.status = ResultCache.PreviousStatus(verdict: item.result.verdict.rawValue,
                                                             failing: BatchAnnotation.failingRules(item.result).joined(separator: " "))
                }
                if let prev, prev == item.status {
                    // The status the last run left (most of a nightly rerun): unchanged, no rule lists to compare.
                    item.annotation = BatchAnnotation(change: .unchanged)
                } else {
                    item.annotation = BatchAnnotation.change(previousVerdict: prev?.verdict,
                                                             previousFailing: Set((prev?.failing ?? "").split(separator: " ").map(String.init)),
                                                             now: item.result)
                }
            }
            item.annotation.region = entry?.region
            item.annotation.url = entry?.url
            if writesJSONL && onWorker {
                let json = item.jsonIsCompact ? codec?.expand(item.json) ?? item.json : item.json
                item.jsonlLine = BatchAnnotation.lineBytes(encoded: json, annotation: item.annotation)
            }
            // Rendered here, on the worker threads: the delivering thread only writes.
            if let csvColumns { item.csvRow = CSVReporter.renderRow(item.result, ruleColumns: csvColumns) }
            if writesDashboard {
                item.dashboardRow = HTMLDashboardReporter.renderRow(item.result, annotation: item.annotation, context: context)
            }
        }
        // One configuration for every input (the usual batch): its part of the cache key and its fail level are
        // worked out once, not for every report (a warm rerun spends a few microseconds per report in all).
        let uniformProfile: Gate.Profile? = gate.profiles.count == 1 ? gate.profiles[0] : nil
        let uniformConfig = uniformProfile.map { baseConfig + "||" + Self.profileKey($0) }
        @Sendable func configString(_ key: String, _ entry: Manifest.Entry?) -> String {
            if entry == nil, let uniformConfig { return uniformConfig }
            return baseConfig + "|" + (entry?.evaluationKey ?? "") + "|" + Self.profileKey(gate.profile(for: key))
        }
        @Sendable func failLevel(_ path: String) -> FailLevel {
            failOn ?? (uniformProfile ?? gate.profile(for: path)).config?.failOn.flatMap { FailLevel(rawValue: $0.rawValue) } ?? .error
        }
        @Sendable func summaryOnly(_ path: String) -> Bool {
            // A JSON-lines-only run that fails on errors needs just the verdict of a reused report.
            jsonlOnly && failLevel(path) != .warning
        }
        // On the delivering thread, in input order: a file unchanged since it was cached (same stat) is reused
        // right here when its summary is all the outputs need; everything else goes to the workers (decoding a
        // cached result's JSON for a CSV or dashboard costs more than handing it to a worker).
        let statter = ResultCache.SequentialStat()
        // JSON-lines runs with a cache reuse reports on this thread: their stats are taken ahead on another core.
        let prefetch = cache == nil || !jsonlOnly ? nil
            : StatPrefetch(inputs: inputs)
        let handoff = LookupHandoff()
        let quick: (Int) -> BatchItem? = { i in
            guard let cache, case .file(let path) = inputs[i], summaryOnly(path) else { return nil }
            let entry = entries[path]
            let config = configString(path, entry)
            guard let stat = prefetch?.stat(at: i) ?? statter.of(path: path) else { return nil }
            let looked = cache.lookupInOrder(path)
            guard !stat.isRecentlyModified,
                  var item = Self.reusedByStat(path, stat: stat, looked: looked, config: config, rules: rulesByID,
                                               summaries: summaries, counters: counters, codec: codec,
                                               summaryOnly: true) else {
                handoff.hand(i, looked)
                return nil
            }
            finish(&item, entry, false)
            return item
        }
        let work: @Sendable (Int) -> BatchItem = { i in
            let input = inputs[i]
            let entry = entries[input.path]
            let key = input == .stdin ? stdinName : input.path
            let profile = gate.profile(for: key)
            let config = configString(key, entry)
            var item: BatchItem
            switch input {
            case .missing(let path, let reason):
                let r = ReportResult.inputError(path: path, format: nil, message: "\(path): \(reason)")
                item = Self.fresh(r, config: config, codec: codec)
            case .stdin:
                let format = Normalizer.format(forPath: stdinName) ?? StdinFormat.sniff(stdinBytes ?? [])
                let r = gate.check(bytes: stdinBytes ?? [], path: stdinName, format: format, key: stdinName)
                counters.evaluated()
                item = Self.fresh(r, config: config, codec: codec)
            case .file(let path):
                item = Self.checkFile(path, config: config, entry: entry, checker: profile.checker, cache: cache,
                                      looked: handoff.take(i), rules: rulesByID, summaries: summaries,
                                      counters: counters, codec: codec, summaryOnly: summaryOnly(path))
                if !item.reused {
                    // Encoded once, after the configuration's suppressions apply (checkFile leaves it to here).
                    item.result = gate.apply(item.result, configuredFor: path)
                    (item.json, item.cacheJSON) = Self.encoded(item.result, codec)
                }
            }
            finish(&item, entry, true)
            return item
        }

        let progress = ProgressLine(total: inputs.count, enabled: batch.progress ?? (Terminal.isTerminal(2)))
        var summary = RunSummary()
        var failing = false
        var writeError: Error?
        BatchRunner(jobs: jobs, preserveOrder: !unordered).run(count: inputs.count, quick: cache == nil ? nil : quick,
                                                              work: work) { _, item in
            summary.add(item.result)
            let level = failLevel(item.result.path)
            failing = failing || level.fails(item.result)
            progress.advance(failed: item.result.verdict != .pass)
            guard writeError == nil else { return }
            do {
                for t in targets.indices { try targets[t].write(item, codec: codec) }
                // `finish` set the status whenever there is a cache.
                if let cache, let status = item.status {
                    let storesResult = item.contentHash != nil && item.storeResult
                    // A report reused as it was, in the state the last completed run left it, writes nothing: the
                    // status row of that run still says it (most of a nightly rerun).
                    if storesResult || item.previous != status {
                        try cache.record(path: item.result.path, stat: storesResult ? item.stat : nil,
                                         contentHash: item.contentHash ?? "", config: item.config,
                                         json: item.cacheJSON ?? item.json,
                                         summary: item.storeResult ? CachedSummary.encode(item.result) : "",
                                         verdict: status.verdict, failing: status.failing)
                    }
                }
            } catch { writeError = error }
        }
        progress.clear()
        if let writeError {
            for t in targets { t.sink.discard() }
            throw CLIError.usage("\(writeError)")
        }
        // The cache takes its pending results on another thread while the outputs are closed (synced to disk and
        // renamed into place): each takes a few ms at the end of a warm rerun, most of it waiting on the disk. The
        // run is marked complete only once the outputs are in place.
        let pendingFlush = cache.map { cache in BackgroundCall { try cache.flush() } }
        var closeError: Error?
        do { for t in targets.indices { try targets[t].finish(summary: summary) } } catch { closeError = error }
        do { try pendingFlush?.wait() } catch { closeError = closeError ?? CLIError.usage("\(error)") }
        if let closeError { throw closeError }
        if let cache {
            do {
                try cache.finishRun(reports: summary.reports, passed: summary.passed, failed: summary.failed, errors: summary.errors)
            } catch { throw CLIError.usage("\(error)") }
        }
        let seconds = Date().timeIntervalSince(start)
        var line = "reportlint: \(summary.reports) report\(summary.reports == 1 ? "" : "s"): \(summary.passed) passed, \(summary.failed) failed, \(summary.errors) error\(summary.errors == 1 ? "" : "s")"
        if cache != nil { line += "; cache: \(counters.reusedCount) reused, \(counters.evaluatedCount) evaluated" }
        if collection.skipped > 0 { line += "; skipped \(collection.skipped) non-report file\(collection.skipped == 1 ? "" : "s")" }
        line += String(format: "; %.2f s, %.0f reports/s", seconds, seconds > 0 ? Double(summary.reports) / seconds : 0)
        FileHandle.standardError.write(Data((line + "\n").utf8))
        if summary.errors > 0 { throw ExitCode(2) }
        if failing { throw ExitCode(1) }
    }

    /// The JSON of a fresh result, and with a cache the compact form the cache keeps (the JSON is its expansion).
    static func encoded(_ r: ReportResult, _ codec: CompactResultJSON?) -> ([UInt8], [UInt8]?) {
        guard let codec else { return (ResultJSON.encodeBytes(r), nil) }
        let compact = codec.encode(r)
        return (codec.expand(compact) ?? ResultJSON.encodeBytes(r), compact)
    }

    static func fresh(_ r: ReportResult, config: String, codec: CompactResultJSON?) -> BatchItem {
        let (json, compact) = encoded(r, codec)
        return BatchItem(result: r, json: json, cacheJSON: compact, annotation: BatchAnnotation(), config: config,
                         reused: false)
    }

    /// What identifies a file's configuration in the cache: the pack specs and the configuration file's content
    /// (hashed once, when the file was loaded — not read again for every report).
    static func profileKey(_ profile: Gate.Profile) -> String {
        var key = profile.packSpecs.joined(separator: ",")
        if let config = profile.config, let hash = config.contentHash { key += "|" + config.path + "|" + hash }
        return key
    }

    /// A cached result reused as it is: from `entry`, when its configuration is this file's and, for a JSON-lines
    /// run failing on errors, from its summary alone (no JSON decoding).
    private static func reuse(_ e: ResultCache.Entry, path: String, stat: ResultCache.FileStat?, hash: String,
                              config: String, previous: ResultCache.PreviousStatus?, rules: [String: RuleInfo],
                              summaries: CachedSummaryDecoder, counters: Counters, codec: CompactResultJSON?,
                              summaryOnly: Bool) -> BatchItem? {
        guard e.config == config else { return nil }
        // The cache keeps the compact form; a row this run's rules cannot expand is not reused. When the summary is
        // all the run needs, the JSON stays compact until it is written (expanded into the output, not copied).
        if summaryOnly, let codec, let s = summaries.decode(e.summary, path: path) {
            guard codec.canExpand(e.json) else { return nil }
            counters.reused()
            var item = BatchItem(result: s, json: e.json, cacheJSON: e.json, jsonIsCompact: true,
                                 annotation: BatchAnnotation(), stat: stat, contentHash: hash, config: config, reused: true)
            item.lookedUp(previous: previous)
            return item
        }
        guard let json = codec.map({ $0.expand(e.json) }) ?? e.json else { return nil }
        let r: ReportResult
        if summaryOnly, let s = summaries.decode(e.summary, path: path) {
            r = s
        } else {
            guard let decoded = try? ResultJSON.decode(line: String(decoding: json, as: UTF8.self), rules: rules),
                  decoded.path == path else { return nil }
            r = decoded
        }
        counters.reused()
        var item = BatchItem(result: r, json: json, cacheJSON: e.json, annotation: BatchAnnotation(), stat: stat,
                             contentHash: hash, config: config, reused: true)
        item.lookedUp(previous: previous)
        return item
    }

    /// The cheap check: a file whose stat equals the cached one (and was not modified within the last moments)
    /// still has the cached content; its result is reused without reading it. Nil when that does not hold.
    static func reusedByStat(_ path: String, stat: ResultCache.FileStat?,
                             looked: (entry: ResultCache.Entry?, previous: ResultCache.PreviousStatus?)?,
                             config: String, rules: [String: RuleInfo], summaries: CachedSummaryDecoder,
                             counters: Counters, codec: CompactResultJSON?, summaryOnly: Bool) -> BatchItem? {
        guard let stat, !stat.isRecentlyModified, let looked, let e = looked.entry, e.stat == stat,
              var item = reuse(e, path: path, stat: stat, hash: e.contentHash, config: config, previous: looked.previous,
                               rules: rules, summaries: summaries, counters: counters, codec: codec,
                               summaryOnly: summaryOnly)
        else { return nil }
        item.storeResult = false
        return item
    }

    /// One file: a cheap stat check first, then the content hash; reuse the cached result when both the content and
    /// the configuration are unchanged, else read, normalize and evaluate. A result not reused is returned without
    /// its JSON (`json` empty): the caller encodes it once the configuration applied.
    /// `looked`: what the delivering thread found in the cache for this path, if it looked.
    static func checkFile(_ path: String, config: String, entry: Manifest.Entry?, checker: ReportChecker,
                          cache: ResultCache?, looked known: LookupHandoff.Looked? = nil, rules: [String: RuleInfo],
                          summaries: CachedSummaryDecoder, counters: Counters, codec: CompactResultJSON?,
                          summaryOnly: Bool = false) -> BatchItem {
        // One stat and one lookup serve both checks (the stat one, then the content hash).
        let stat = cache == nil ? nil : ResultCache.FileStat.of(path: path)
        let looked = stat == nil ? nil : known ?? cache?.lookup(path)
        if let item = reusedByStat(path, stat: stat, looked: looked, config: config, rules: rules, summaries: summaries,
                                   counters: counters, codec: codec, summaryOnly: summaryOnly) {
            return item
        }
        guard let format = Normalizer.format(forPath: path) else {
            let r = ReportResult.inputError(path: path, format: nil, message: "\(path): unsupported file type (expected .txt, .html, .htm, .shtml or .docx)")
            return BatchItem(result: r, json: [], annotation: BatchAnnotation(), config: config, reused: false)
        }
        let bytes: [UInt8]
        switch checker.readInput(path: path) {
        case .success(let b): bytes = b
        case .failure(let e):
            let r = ReportResult.inputError(path: path, format: format, message: e.description)
            return BatchItem(result: r, json: [], annotation: BatchAnnotation(), config: config, reused: false)
        }
        var hash: String?
        if cache != nil {
            let h = ContentHash.of(bytes)
            hash = h
            if let e = looked?.entry, e.contentHash == h,
               let item = reuse(e, path: path, stat: stat, hash: h, config: config, previous: looked?.previous,
                                rules: rules, summaries: summaries, counters: counters, codec: codec,
                                summaryOnly: summaryOnly) {
                return item
            }
        }
        counters.evaluated()
        let r = checker.check(bytes: bytes, path: path, format: format, manifest: entry)
        var item = BatchItem(result: r, json: [], annotation: BatchAnnotation(), stat: stat, contentHash: hash,
                             config: config, reused: false)
        if let looked { item.lookedUp(previous: looked.previous) }
        return item
    }
}

/// How many results were reused from the cache and how many evaluated (printed in the summary line; the tests
/// read it to check that an unchanged rerun evaluates nothing).
final class Counters: @unchecked Sendable {
    private let lock = NSLock()
    private var r = 0, e = 0
    /// Run once, by the thread that counts the `threshold`-th evaluated report.
    private let threshold: Int
    private let atThreshold: (@Sendable () -> Void)?

    init(whenEvaluated threshold: Int = 0, _ action: (@Sendable () -> Void)? = nil) {
        self.threshold = threshold
        atThreshold = action
    }

    func reused() { lock.lock(); r += 1; lock.unlock() }
    func evaluated() {
        lock.lock()
        e += 1
        let reached = e == threshold
        lock.unlock()
        if reached, let atThreshold { atThreshold() }
    }
    var reusedCount: Int { lock.lock(); defer { lock.unlock() }; return r }
    var evaluatedCount: Int { lock.lock(); defer { lock.unlock() }; return e }
}
