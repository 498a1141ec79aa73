// Pure protocol: messages, logs, trees and the proof format. No I/O; safe in a browser.
export {};
