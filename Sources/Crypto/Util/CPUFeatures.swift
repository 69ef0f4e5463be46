// SPDX-License-Identifier: Apache-2.0
// The optional instructions this CPU offers to code compiled for them (today: BMI2 for the SHA-2 block functions).

#if canImport(Glibc)
import Glibc
#endif

/// What the CPU supports beyond the baseline the binary is built for, found once per process.
///
/// Swift has no per-function target attributes and no `cpuid`, so the code that uses extra instructions is a
/// separately compiled module (ContrastSHA2BlocksBMI2) and the check reads the `flags` line of `/proc/cpuinfo`,
/// which the kernel fills from `cpuid`. Whenever the answer is unclear (no `/proc`, another architecture, an
/// unreadable file) the portable code runs: a missing feature only costs speed, a wrongly assumed one would
/// kill the process with SIGILL.
package enum CPUFeatures {
    /// The environment variable that turns the BMI2 code off (any value but empty or `0`), like
    /// `OPENSSL_ia32cap` for OpenSSL: to measure or test the portable code on a CPU that has BMI2.
    package static let disableBMI2Variable = "CONTRAST_DISABLE_BMI2"

    /// True when the BMI2 builds of the SHA-2 block functions may run: an x86-64 CPU whose `/proc/cpuinfo` lists
    /// `bmi2`, and `CONTRAST_DISABLE_BMI2` unset.
    package static let bmi2: Bool = !bmi2Disabled && cpuHasBMI2

    /// `CONTRAST_DISABLE_BMI2` is set to something other than empty or `0`.
    package static let bmi2Disabled: Bool = {
        guard let value = getenv(disableBMI2Variable) else { return false }
        return value.pointee != 0 && String(cString: value) != "0"
    }()

    /// The kernel reports BMI2 for this CPU (whatever `CONTRAST_DISABLE_BMI2` says: the tests of the BMI2 build
    /// run whenever the CPU can).
    package static let cpuHasBMI2: Bool = {
        #if arch(x86_64)
        return firstFlagsLine()?.split(separator: " ").contains("bmi2") ?? false
        #else
        return false
        #endif
    }()

    /// Which build of the SHA-2 block functions runs, and why (for `contrast speed`).
    package static var sha2BlockFunctions: String {
        if bmi2 { return "BMI2 (\(disableBMI2Variable)=1 selects the portable build)" }
        if bmi2Disabled { return "portable (\(disableBMI2Variable) is set)" }
        #if arch(x86_64)
        return "portable (this CPU has no BMI2)"
        #else
        return "portable"
        #endif
    }

    /// The space-separated flags of the first processor in `/proc/cpuinfo` ("flags\t\t: fpu vme … bmi2 …"), or nil.
    static func firstFlagsLine() -> String? {
        #if canImport(Glibc)
        let fd = open("/proc/cpuinfo", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        // The first processor's block comes first; 64 KiB is far more than it takes (about 1.5 KiB today).
        let limit = 64 * 1024
        var text = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while text.count < limit {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            text += chunk[0..<n]
            if let line = flagsLine(in: text) { return line }
        }
        return flagsLine(in: text, atEnd: true)
        #else
        return nil
        #endif
    }

    /// The value of the first complete `flags` line in `text` (a complete line ends in a newline, or at the end
    /// of the file when `atEnd`).
    package static func flagsLine(in text: [UInt8], atEnd: Bool = false) -> String? {
        var start = 0
        while start < text.count {
            guard let end = text[start...].firstIndex(of: UInt8(ascii: "\n")) ?? (atEnd ? text.count : nil) else {
                return nil
            }
            let line = text[start..<end]
            if line.starts(with: "flags".utf8), let colon = line.firstIndex(of: UInt8(ascii: ":")),
                line[line.index(line.startIndex, offsetBy: 5)..<colon].allSatisfy({ $0 == 0x20 || $0 == 0x09 })
            {
                return String(decoding: line[(colon + 1)...], as: UTF8.self)
            }
            start = end + 1
        }
        return nil
    }
}
