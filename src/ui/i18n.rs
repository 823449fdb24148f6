//! The interface's words, in Simplified Chinese first and English second.

use serde::{Deserialize, Serialize};

/// The interface language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    /// 简体中文, the default.
    #[default]
    Zh,
    /// English.
    En,
}

/// Every label of the interface, by key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    AppName,
    Outline,
    Masthead,
    Footer,
    Preview,
    NewItem,
    NewSection,
    NewColumn,
    Undo,
    Redo,
    NextIssue,
    NextIssueConfirm,
    Print,
    ImportFile,
    ExportHtml,
    ExportMd,
    Language,
    Help,
    CharCount,
    Title,
    Year,
    Number,
    Total,
    Supplement,
    Publisher,
    Date,
    Editor,
    Reviewer,
    Signer,
    Distribution,
    DistributionHint,
    Copies,
    ItemTitle,
    ItemBody,
    ItemSources,
    SourcesHint,
    ItemStatus,
    SectionHeading,
    MoveUp,
    MoveDown,
    Duplicate,
    Delete,
    DeleteSection,
    LeadSection,
    Saved,
    Saving,
    SaveFailed,
    NotSaving,
    Untitled,
    Close,
    Shortcuts,
    ShortcutList,
    NothingSelected,
    ImportWarnings,
    Chars,
}

/// The word for a key in a language.
pub fn t(lang: Lang, key: Key) -> &'static str {
    use Key::*;
    let (zh, en) = match key {
        AppName => ("简报编辑器", "Jianbao bulletin editor"),
        Outline => ("目录结构", "Outline"),
        Masthead => ("报头", "Masthead"),
        Footer => ("报尾", "Footer"),
        Preview => ("预览", "Preview"),
        NewItem => ("新建稿件", "New item"),
        NewSection => ("新建栏目", "New section"),
        NewColumn => ("新建子栏目", "New sub-column"),
        Undo => ("撤销", "Undo"),
        Redo => ("重做", "Redo"),
        NextIssue => ("下一期", "Next issue"),
        NextIssueConfirm => ("以本期为底稿创建下一期？本期会保留为单独的草稿。", "Create the next issue from this one? This issue is kept as its own draft."),
        Print => ("打印", "Print"),
        ImportFile => ("导入文件", "Import file"),
        ExportHtml => ("导出 HTML", "Export HTML"),
        ExportMd => ("导出 Markdown", "Export Markdown"),
        Language => ("English", "中文"),
        Help => ("快捷键", "Shortcuts"),
        CharCount => ("全期字数", "Characters in issue"),
        Title => ("刊名", "Bulletin name"),
        Year => ("年份", "Year"),
        Number => ("期号", "Issue number"),
        Total => ("总期号", "Cumulative number"),
        Supplement => ("增刊", "Supplement"),
        Publisher => ("编印单位", "Issuing office"),
        Date => ("日期", "Date"),
        Editor => ("编辑", "Editor"),
        Reviewer => ("审核", "Reviewer"),
        Signer => ("签发", "Signed off by"),
        Distribution => ("分送", "Distribution"),
        DistributionHint => ("每行一个；以“报：”“送：”“抄送：”开头的行另起一组", "One per line; a line starting with 报： 送： 抄送： starts a new group"),
        Copies => ("印数（份）", "Copies printed"),
        ItemTitle => ("标题", "Title"),
        ItemBody => ("正文（Markdown）", "Text (Markdown)"),
        ItemSources => ("来源单位", "Sources"),
        SourcesHint => ("多个单位用“、”分隔", "Separate units with 、"),
        ItemStatus => ("状态", "Status"),
        SectionHeading => ("栏目名称", "Section heading"),
        MoveUp => ("上移", "Move up"),
        MoveDown => ("下移", "Move down"),
        Duplicate => ("复制稿件", "Duplicate item"),
        Delete => ("删除稿件", "Delete item"),
        DeleteSection => ("删除栏目", "Delete section"),
        LeadSection => ("头条（无栏目）", "Lead (no section)"),
        Saved => ("已保存", "Saved"),
        Saving => ("保存中…", "Saving…"),
        SaveFailed => ("保存失败", "Save failed"),
        NotSaving => ("浏览器存储不可用：修改不会被保存，请及时导出。", "Browser storage is unavailable: changes are not being saved. Export your work."),
        Untitled => ("（无标题）", "(untitled)"),
        Close => ("关闭", "Close"),
        Shortcuts => ("快捷键", "Keyboard shortcuts"),
        ShortcutList => (
            "Ctrl+Z 撤销；Ctrl+Shift+Z 或 Ctrl+Y 重做；在目录中选中稿件后 Alt+↑/↓ 移动；? 打开本帮助；Esc 关闭",
            "Ctrl+Z undo; Ctrl+Shift+Z or Ctrl+Y redo; Alt+↑/↓ moves the selected item in the outline; ? opens this help; Esc closes",
        ),
        NothingSelected => ("在左侧选择报头、报尾或一篇稿件进行编辑。", "Select the masthead, the footer or an item on the left to edit it."),
        ImportWarnings => ("导入提示", "Import notes"),
        Chars => ("字", "chars"),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// The status's name in a language.
pub fn status_label(lang: Lang, status: crate::core::Status) -> &'static str {
    use crate::core::Status;
    match (lang, status) {
        (Lang::Zh, s) => s.label(),
        (Lang::En, Status::Received) => "Received",
        (Lang::En, Status::Editing) => "Editing",
        (Lang::En, Status::Reviewed) => "Reviewed",
    }
}
