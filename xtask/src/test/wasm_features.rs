//! A small WebAssembly reader that finds every feature a module uses beyond what a browser
//! floor supports: the `reach` level runs it on the built wasm, so that a dependency, a
//! compiler default or a wasm-bindgen option that brings in a newer feature fails the
//! tests instead of a user's browser.
//!
//! It reads the binary format section by section and decodes every instruction of every
//! function, so an opcode is never mistaken for an immediate. What it looks for, with the
//! first Chromium that has it:
//! - reference types (96): `externref`/`funcref` values, a second table, `ref.*`,
//!   `table.get/set/grow/size/fill`, typed `select`, a `call_indirect` table index other
//!   than the single byte 0, element segments with expressions;
//! - multi-value (85): a function type with two results or more, a block with a type index;
//! - JS BigInt integration (85): an `i64` in the type of an imported or exported function
//!   (JavaScript would have to pass a BigInt);
//! - SIMD (91), exception handling (95), tail calls (112), threads and shared memory,
//!   memory64, multi-memory: any of their opcodes or encodings;
//! - the `target_features` custom section, when present: every feature it lists as used.
//!
//! Allowed at the floor of Chromium 83: the MVP, mutable globals and sign extension (74),
//! non-trapping float-to-int and bulk memory (75), including `memory.copy`/`memory.fill`
//! and passive data segments.

use std::collections::BTreeMap;

/// One feature the module uses that its floor lacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The feature's name.
    pub feature: &'static str,
    /// The first Chromium version that has it.
    pub chromium: u32,
    /// How many places use it.
    pub count: usize,
    /// The first place, for the message.
    pub example: String,
}

/// The features newer than Chromium 83 and the first Chromium version of each.
const REFERENCE_TYPES: (&str, u32) = ("reference types", 96);
const MULTI_VALUE: (&str, u32) = ("multi-value", 85);
const BIGINT: (&str, u32) = ("i64 at the JavaScript boundary (BigInt integration)", 85);
const SIMD: (&str, u32) = ("SIMD", 91);
const EXCEPTIONS: (&str, u32) = ("exception handling", 95);
const TAIL_CALLS: (&str, u32) = ("tail calls", 112);
const THREADS: (&str, u32) = (
    "threads (shared memory, atomics; also needs cross-origin isolation)",
    92,
);
const MEMORY64: (&str, u32) = ("memory64", 133);
const MULTI_MEMORY: (&str, u32) = ("multi-memory", 120);
const UNKNOWN: (&str, u32) = ("an opcode this reader does not know (a newer proposal)", u32::MAX);

/// The `target_features` names that Chromium 83 supports.
const FLOOR_FEATURES: [&str; 5] = [
    "mutable-globals",
    "sign-ext",
    "nontrapping-fptoint",
    "bulk-memory",
    "bulk-memory-opt",
];

/// Every feature `bytes` uses that Chromium `floor` lacks, sorted by name; an error when
/// the bytes are not a module this reader can read.
pub fn beyond(bytes: &[u8], floor: u32) -> Result<Vec<Finding>, String> {
    let mut scan = Scan::default();
    scan.module(bytes)?;
    Ok(scan
        .found
        .into_iter()
        .filter(|(_, finding)| finding.chromium > floor)
        .map(|(_, finding)| finding)
        .collect())
}

/// What the reader has learnt so far.
#[derive(Default)]
struct Scan {
    /// Function types: (params, results).
    types: Vec<(Vec<u8>, Vec<u8>)>,
    /// The type index of every function, imported ones first.
    functions: Vec<u32>,
    /// How many tables (imported and defined).
    tables: usize,
    /// The findings by feature name.
    found: BTreeMap<&'static str, Finding>,
}

/// A cursor over bytes.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, at: 0 }
    }

    fn done(&self) -> bool {
        self.at >= self.bytes.len()
    }

    fn byte(&mut self) -> Result<u8, String> {
        let byte = *self.bytes.get(self.at).ok_or("unexpected end of the module")?;
        self.at += 1;
        Ok(byte)
    }

    fn take(&mut self, count: usize) -> Result<&'a [u8], String> {
        let end = self.at.checked_add(count).filter(|&end| end <= self.bytes.len());
        let end = end.ok_or("a length runs past the end of the module")?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }

    /// An unsigned LEB128 number, and how many bytes it took.
    fn leb(&mut self) -> Result<(u64, usize), String> {
        let (mut value, mut shift, start) = (0u64, 0u32, self.at);
        loop {
            let byte = self.byte()?;
            if shift < 64 {
                value |= u64::from(byte & 0x7f) << shift;
            }
            shift += 7;
            if byte & 0x80 == 0 {
                return Ok((value, self.at - start));
            }
            if shift > 70 {
                return Err("a LEB128 number is too long".into());
            }
        }
    }

    fn u32(&mut self) -> Result<u32, String> {
        let (value, _) = self.leb()?;
        u32::try_from(value).map_err(|_| "a number is too large".to_string())
    }

    /// A signed LEB128 number: its value is not needed, only its extent.
    fn signed(&mut self) -> Result<(), String> {
        self.leb().map(|_| ())
    }

    fn name(&mut self) -> Result<String, String> {
        let length = self.u32()? as usize;
        Ok(String::from_utf8_lossy(self.take(length)?).into_owned())
    }
}

impl Scan {
    /// Notes one use of `feature` at `place`.
    fn note(&mut self, (feature, chromium): (&'static str, u32), place: impl FnOnce() -> String) {
        self.found
            .entry(feature)
            .and_modify(|finding| finding.count += 1)
            .or_insert_with(|| Finding {
                feature,
                chromium,
                count: 1,
                example: place(),
            });
    }

    fn module(&mut self, bytes: &[u8]) -> Result<(), String> {
        let mut reader = Reader::new(bytes);
        if reader.take(4)? != b"\0asm" {
            return Err("not a WebAssembly module (no \\0asm)".into());
        }
        if reader.take(4)? != [1, 0, 0, 0] {
            return Err("not a version 1 WebAssembly module (a component?)".into());
        }
        // Function and export types are known only once the whole module is read.
        let mut defined: Vec<u32> = Vec::new();
        let mut exports: Vec<(String, u32)> = Vec::new();
        let mut imported_functions = 0usize;
        while !reader.done() {
            let id = reader.byte()?;
            let size = reader.u32()? as usize;
            let mut section = Reader::new(reader.take(size)?);
            match id {
                0 => self.custom(&mut section)?,
                1 => self.type_section(&mut section)?,
                2 => imported_functions = self.imports(&mut section)?,
                3 => {
                    for _ in 0..section.u32()? {
                        defined.push(section.u32()?);
                    }
                }
                4 => {
                    for index in 0..section.u32()? {
                        self.table_type(&mut section, || format!("table {index}"))?;
                    }
                }
                5 => {
                    for _ in 0..section.u32()? {
                        self.limits(&mut section, true)?;
                    }
                }
                6 => {
                    for index in 0..section.u32()? {
                        let place = format!("global {index}");
                        self.value_type(section.byte()?, &place);
                        section.byte()?;
                        self.expression(&mut section, &place)?;
                    }
                }
                7 => {
                    for _ in 0..section.u32()? {
                        let name = section.name()?;
                        let kind = section.byte()?;
                        let index = section.u32()?;
                        match kind {
                            0 => exports.push((name, index)),
                            4 => self.note(EXCEPTIONS, || format!("export of tag {name}")),
                            _ => {}
                        }
                    }
                }
                8 => {
                    section.u32()?;
                }
                9 => self.elements(&mut section)?,
                10 => self.code(&mut section, imported_functions)?,
                11 => self.data(&mut section)?,
                12 => {
                    section.u32()?;
                }
                13 => self.note(EXCEPTIONS, || "a tag section".into()),
                other => return Err(format!("unknown section id {other}")),
            }
        }
        self.functions.extend(defined);
        for (name, index) in exports {
            if self.signature_has_i64(index) {
                self.note(BIGINT, || format!("exported function {name}"));
            }
        }
        Ok(())
    }

    /// Whether function `index`'s type has an `i64` parameter or result.
    fn signature_has_i64(&self, index: u32) -> bool {
        let Some(&type_index) = self.functions.get(index as usize) else {
            return false;
        };
        self.types
            .get(type_index as usize)
            .is_some_and(|(params, results)| params.iter().chain(results).any(|&t| t == 0x7e))
    }

    fn custom(&mut self, section: &mut Reader) -> Result<(), String> {
        if section.name()? != "target_features" {
            return Ok(());
        }
        for _ in 0..section.u32()? {
            let prefix = section.byte()?;
            let feature = section.name()?;
            if prefix == b'+' && !FLOOR_FEATURES.contains(&feature.as_str()) {
                let known = match feature.as_str() {
                    "reference-types" => REFERENCE_TYPES,
                    "multivalue" => MULTI_VALUE,
                    "simd128" | "relaxed-simd" => SIMD,
                    "exception-handling" => EXCEPTIONS,
                    "tail-call" => TAIL_CALLS,
                    "atomics" | "shared-mem" => THREADS,
                    "memory64" => MEMORY64,
                    "multimemory" => MULTI_MEMORY,
                    _ => UNKNOWN,
                };
                self.note(known, || format!("target_features lists +{feature}"));
            }
        }
        Ok(())
    }

    fn type_section(&mut self, section: &mut Reader) -> Result<(), String> {
        for index in 0..section.u32()? {
            let form = section.byte()?;
            if form != 0x60 {
                // Recursive or sub types come from the GC proposal (Chromium 119).
                self.note(UNKNOWN, || format!("type {index} has form 0x{form:02x}"));
                return Ok(());
            }
            let mut lists = [Vec::new(), Vec::new()];
            for list in &mut lists {
                for _ in 0..section.u32()? {
                    let value = section.byte()?;
                    self.value_type(value, &format!("type {index}"));
                    list.push(value);
                }
            }
            let [params, results] = lists;
            if results.len() > 1 {
                self.note(MULTI_VALUE, || format!("type {index} returns {} values", results.len()));
            }
            self.types.push((params, results));
        }
        Ok(())
    }

    /// Reads the imports; returns how many functions they bring.
    fn imports(&mut self, section: &mut Reader) -> Result<usize, String> {
        for _ in 0..section.u32()? {
            let module = section.name()?;
            let field = section.name()?;
            let place = || format!("import {module}.{field}");
            match section.byte()? {
                0 => {
                    let type_index = section.u32()?;
                    self.functions.push(type_index);
                    if self.signature_has_i64(self.functions.len() as u32 - 1) {
                        self.note(BIGINT, place);
                    }
                }
                1 => self.table_type(section, place)?,
                2 => self.limits(section, true)?,
                3 => {
                    self.value_type(section.byte()?, &place());
                    section.byte()?;
                }
                4 => {
                    self.note(EXCEPTIONS, place);
                    section.byte()?;
                    section.u32()?;
                }
                other => return Err(format!("unknown import kind {other}")),
            }
        }
        Ok(self.functions.len())
    }

    fn table_type(&mut self, section: &mut Reader, place: impl Fn() -> String) -> Result<(), String> {
        let element = section.byte()?;
        if element != 0x70 {
            self.note(REFERENCE_TYPES, || format!("{} holds 0x{element:02x} values", place()));
        }
        self.tables += 1;
        if self.tables > 1 {
            self.note(REFERENCE_TYPES, || format!("{} is a second table", place()));
        }
        self.limits(section, false)
    }

    fn limits(&mut self, section: &mut Reader, memory: bool) -> Result<(), String> {
        let flags = section.byte()?;
        if flags & 0x02 != 0 {
            self.note(THREADS, || "a shared memory".into());
        }
        if flags & 0x04 != 0 {
            self.note(MEMORY64, || "a 64-bit memory".into());
        }
        if memory && flags & !0x07 != 0 || !memory && flags > 1 {
            return Err(format!("unknown limits flags 0x{flags:02x}"));
        }
        section.leb()?;
        if flags & 0x01 != 0 {
            section.leb()?;
        }
        Ok(())
    }

    /// Notes a value type newer than the MVP.
    fn value_type(&mut self, value: u8, place: &str) {
        match value {
            0x7c..=0x7f => {}
            0x7b => self.note(SIMD, || format!("{place} has a v128")),
            0x70 | 0x6f => self.note(REFERENCE_TYPES, || format!("{place} has a reference (0x{value:02x})")),
            other => self.note(UNKNOWN, || format!("{place} has value type 0x{other:02x}")),
        }
    }

    fn elements(&mut self, section: &mut Reader) -> Result<(), String> {
        for index in 0..section.u32()? {
            let place = format!("element segment {index}");
            match section.u32()? {
                // Active in table 0 with function indices: the MVP.
                0 => {
                    self.expression(section, &place)?;
                    for _ in 0..section.u32()? {
                        section.u32()?;
                    }
                }
                // Passive with function indices: bulk memory (Chromium 75).
                1 => {
                    section.byte()?;
                    for _ in 0..section.u32()? {
                        section.u32()?;
                    }
                }
                // Declarative, explicit tables or expressions: reference types. Their
                // layout differs; the rest of the section is not needed.
                flags => {
                    self.note(REFERENCE_TYPES, || format!("{place} has flags {flags}"));
                    return Ok(());
                }
            }
        }
        Ok(())
    }

    fn data(&mut self, section: &mut Reader) -> Result<(), String> {
        for index in 0..section.u32()? {
            let place = format!("data segment {index}");
            match section.u32()? {
                0 => self.expression(section, &place)?,
                1 => {}
                2 => {
                    if section.u32()? != 0 {
                        self.note(MULTI_MEMORY, || place.clone());
                    }
                    self.expression(section, &place)?;
                }
                other => return Err(format!("{place}: unknown flags {other}")),
            }
            let length = section.u32()? as usize;
            section.take(length)?;
        }
        Ok(())
    }

    fn code(&mut self, section: &mut Reader, imported: usize) -> Result<(), String> {
        for index in 0..section.u32()? {
            let size = section.u32()? as usize;
            let mut body = Reader::new(section.take(size)?);
            let place = format!("function {}", imported + index as usize);
            for _ in 0..body.u32()? {
                body.u32()?;
                self.value_type(body.byte()?, &place);
            }
            self.instructions(&mut body, &place, false)?;
        }
        Ok(())
    }

    /// A constant expression, up to its `end`.
    fn expression(&mut self, reader: &mut Reader, place: &str) -> Result<(), String> {
        self.instructions(reader, place, true)
    }

    /// Decodes instructions to the end of `reader` (a function body), or to the first
    /// `end` at depth 0 when `until_end` (a constant expression).
    fn instructions(&mut self, reader: &mut Reader, place: &str, until_end: bool) -> Result<(), String> {
        let mut depth = 0usize;
        while !reader.done() {
            let at = reader.at;
            let opcode = reader.byte()?;
            let here = || format!("{place}, byte {at}, opcode 0x{opcode:02x}");
            match opcode {
                0x00 | 0x01 | 0x0f | 0x1a | 0x1b | 0x45..=0xc4 => {}
                0x02..=0x04 => {
                    depth += 1;
                    let kind = *reader.bytes.get(reader.at).ok_or("unexpected end of a block")?;
                    if kind == 0x40 {
                        reader.byte()?;
                    } else if matches!(kind, 0x7f | 0x7e | 0x7d | 0x7c | 0x7b | 0x70 | 0x6f) {
                        self.value_type(reader.byte()?, &here());
                    } else {
                        reader.signed()?;
                        self.note(MULTI_VALUE, || format!("{}: a block with a type index", here()));
                    }
                }
                0x05 => {}
                0x0b => {
                    if depth == 0 && until_end {
                        return Ok(());
                    }
                    depth = depth.saturating_sub(1);
                }
                0x0c | 0x0d | 0x10 | 0x20..=0x24 => {
                    reader.u32()?;
                }
                0x0e => {
                    for _ in 0..reader.u32()? {
                        reader.u32()?;
                    }
                    reader.u32()?;
                }
                0x11 => {
                    reader.u32()?;
                    let (table, length) = reader.leb()?;
                    if table != 0 || length != 1 {
                        self.note(REFERENCE_TYPES, || {
                            format!("{}: call_indirect with table {table} in {length} bytes", here())
                        });
                    }
                }
                0x1c => {
                    for _ in 0..reader.u32()? {
                        reader.byte()?;
                    }
                    self.note(REFERENCE_TYPES, || format!("{}: typed select", here()));
                }
                0x25 | 0x26 => {
                    reader.u32()?;
                    self.note(REFERENCE_TYPES, || format!("{}: table.get/set", here()));
                }
                0x28..=0x3e => {
                    let (align, _) = reader.leb()?;
                    if align & 0x40 != 0 {
                        reader.u32()?;
                        self.note(MULTI_MEMORY, here);
                    }
                    reader.leb()?;
                }
                0x3f | 0x40 => {
                    if reader.byte()? != 0 {
                        self.note(MULTI_MEMORY, here);
                    }
                }
                0x41 | 0x42 => reader.signed()?,
                0x43 => {
                    reader.take(4)?;
                }
                0x44 => {
                    reader.take(8)?;
                }
                0xd0 => {
                    reader.byte()?;
                    self.note(REFERENCE_TYPES, || format!("{}: ref.null", here()));
                }
                0xd1 => self.note(REFERENCE_TYPES, || format!("{}: ref.is_null", here())),
                0xd2 => {
                    reader.u32()?;
                    self.note(REFERENCE_TYPES, || format!("{}: ref.func", here()));
                }
                0xfc => self.prefixed(reader, &here())?,
                0x06..=0x0a | 0x18 | 0x19 | 0x1f => {
                    self.note(EXCEPTIONS, here);
                    return Ok(());
                }
                0x12 | 0x13 => {
                    self.note(TAIL_CALLS, here);
                    return Ok(());
                }
                0xfd => {
                    self.note(SIMD, here);
                    return Ok(());
                }
                0xfe => {
                    self.note(THREADS, here);
                    return Ok(());
                }
                // Anything else cannot be decoded further: the rest of this body is skipped.
                _ => {
                    self.note(UNKNOWN, here);
                    return Ok(());
                }
            }
        }
        if until_end {
            return Err(format!("{place}: a constant expression without its end"));
        }
        Ok(())
    }

    /// The `0xFC` instructions: saturating conversions and bulk memory are at the floor;
    /// the table instructions of reference types are not.
    fn prefixed(&mut self, reader: &mut Reader, place: &str) -> Result<(), String> {
        match reader.u32()? {
            0..=7 => {}
            8 => {
                reader.u32()?;
                reader.byte()?;
            }
            9 | 13 => {
                reader.u32()?;
            }
            10 => {
                reader.byte()?;
                reader.byte()?;
            }
            11 => {
                reader.byte()?;
            }
            12 | 14 => {
                let (a, b) = (reader.u32()?, reader.u32()?);
                if a != 0 || b != 0 {
                    self.note(REFERENCE_TYPES, || format!("{place}: table.init/copy beyond table 0"));
                }
            }
            sub @ 15..=17 => {
                reader.u32()?;
                self.note(REFERENCE_TYPES, || {
                    format!("{place}: 0xfc {sub} (table.grow/size/fill)")
                });
            }
            sub => {
                self.note(UNKNOWN, || format!("{place}: 0xfc {sub}"));
                return Err(format!("{place}: unknown 0xfc instruction {sub}"));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module from its sections, each given as (id, contents).
    fn module(sections: &[(u8, Vec<u8>)]) -> Vec<u8> {
        let mut bytes = b"\0asm\x01\0\0\0".to_vec();
        for (id, contents) in sections {
            bytes.push(*id);
            bytes.push(contents.len() as u8);
            bytes.extend(contents);
        }
        bytes
    }

    /// One function of type 0, `() -> ()` unless `types` says otherwise, with `body`.
    fn one_function(types: Vec<u8>, body: &[u8]) -> Vec<u8> {
        let mut code_body = vec![0]; // no locals
        code_body.extend(body);
        let mut code = vec![1, code_body.len() as u8];
        code.extend(code_body);
        module(&[(1, types), (3, vec![1, 0]), (5, vec![1, 0, 1]), (10, code)])
    }

    const VOID: [u8; 4] = [1, 0x60, 0, 0];

    fn names(findings: &[Finding]) -> Vec<&'static str> {
        findings.iter().map(|finding| finding.feature).collect()
    }

    #[test]
    fn the_floor_features_pass() {
        // i32.const 0 ×3, memory.copy; i32.const 0 ×3, memory.fill; i32.const 1,
        // i32.extend8_s, drop; f32.const 0, i32.trunc_sat_f32_s, drop; end.
        let body = [
            0x41, 0, 0x41, 0, 0x41, 0, 0xfc, 10, 0, 0, 0x41, 0, 0x41, 0, 0x41, 0, 0xfc, 11, 0, 0x41, 1, 0xc0, 0x1a,
            0x43, 0, 0, 0, 0, 0xfc, 0, 0x1a, 0x0b,
        ];
        assert_eq!(beyond(&one_function(VOID.to_vec(), &body), 83), Ok(vec![]));
    }

    #[test]
    fn multi_value_types_and_blocks_are_found() {
        // Type 0: () -> (i32, i32); a function of type 1 () -> () with `block (type 0)`.
        let types = vec![2, 0x60, 0, 2, 0x7f, 0x7f, 0x60, 0, 0];
        let mut code_body = vec![0, 0x02, 0x00, 0x0b, 0x0b];
        let mut code = vec![1, code_body.len() as u8];
        code.append(&mut code_body);
        let bytes = module(&[(1, types), (3, vec![1, 1]), (10, code)]);
        let found = beyond(&bytes, 83).expect("readable");
        assert_eq!(names(&found), ["multi-value"]);
        assert_eq!(found[0].count, 2);
        assert_eq!(found[0].chromium, 85);
        // Chromium 86 has multi-value.
        assert_eq!(beyond(&bytes, 86), Ok(vec![]));
    }

    #[test]
    fn reference_types_are_found() {
        // ref.null extern, drop, end.
        let found = beyond(&one_function(VOID.to_vec(), &[0xd0, 0x6f, 0x1a, 0x0b]), 83).expect("readable");
        assert_eq!(names(&found), ["reference types"]);
        // A table of externref.
        let table = module(&[(4, vec![1, 0x6f, 0, 1])]);
        assert_eq!(names(&beyond(&table, 83).expect("readable")), ["reference types"]);
        // call_indirect with its table index in an overlong encoding.
        let types = vec![1, 0x60, 0, 0];
        let found = beyond(&one_function(types, &[0x41, 0, 0x11, 0, 0x80, 0x00, 0x0b]), 83).expect("readable");
        assert_eq!(names(&found), ["reference types"]);
        assert!(beyond(&table, 96).expect("readable").is_empty());
    }

    #[test]
    fn i64_at_the_boundary_and_the_target_features_section_are_found() {
        // An imported function (i64) -> ().
        let mut import = vec![1, 1, b'm', 1, b'f', 0, 0];
        let bytes = module(&[(1, vec![1, 0x60, 1, 0x7e, 0]), (2, std::mem::take(&mut import))]);
        let found = beyond(&bytes, 83).expect("readable");
        assert_eq!(names(&found), ["i64 at the JavaScript boundary (BigInt integration)"]);
        assert_eq!(found[0].example, "import m.f");

        let mut custom = vec![15];
        custom.extend(b"target_features");
        custom.extend([2, b'+', 11]);
        custom.extend(b"bulk-memory");
        custom.extend([b'+', 15]);
        custom.extend(b"reference-types");
        let found = beyond(&module(&[(0, custom)]), 83).expect("readable");
        assert_eq!(names(&found), ["reference types"]);
        assert_eq!(found[0].example, "target_features lists +reference-types");
    }

    #[test]
    fn newer_proposals_are_found_and_garbage_is_refused() {
        // v128.const … is SIMD; the reader stops decoding that body.
        let found = beyond(&one_function(VOID.to_vec(), &[0xfd, 12, 0x0b]), 83).expect("readable");
        assert_eq!(names(&found), ["SIMD"]);
        assert!(beyond(b"\0asm\x0d\0\x01\0", 83).is_err());
        assert!(beyond(b"<!DOCTYPE html>", 83).is_err());
        assert!(beyond(&module(&[(1, vec![5, 0x60])]), 83).is_err());
    }
}
