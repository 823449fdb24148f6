//! One side of a merge seen as parts found by id: sections, columns and items, each with
//! the list it sits in.

use crate::core::issue::{Id, Issue, Item};
use std::collections::HashMap;

/// An issue's parts by id, borrowed.
pub struct Shape<'a> {
    /// Section ids in order.
    pub sections: Vec<Id>,
    /// Each section's heading.
    pub headings: HashMap<Id, &'a str>,
    /// Each column's section.
    pub column_parent: HashMap<Id, Id>,
    /// Each section's columns, in order.
    pub columns: HashMap<Id, Vec<Id>>,
    /// Each item, with the section or column holding it.
    pub items: HashMap<Id, (&'a Item, Id)>,
    /// Each section's or column's items, in order.
    pub lists: HashMap<Id, Vec<Id>>,
    /// Every item id in print order.
    pub print_order: Vec<Id>,
}

impl<'a> Shape<'a> {
    /// Reads an issue's parts.
    pub fn of(issue: &'a Issue) -> Shape<'a> {
        let mut shape = Shape {
            sections: Vec::new(),
            headings: HashMap::new(),
            column_parent: HashMap::new(),
            columns: HashMap::new(),
            items: HashMap::new(),
            lists: HashMap::new(),
            print_order: Vec::new(),
        };
        for section in &issue.sections {
            shape.sections.push(section.id);
            shape.headings.insert(section.id, &section.heading);
            shape.add_items(section.id, &section.items);
            let mut columns = Vec::new();
            for column in &section.columns {
                columns.push(column.id);
                shape.headings.insert(column.id, &column.heading);
                shape.column_parent.insert(column.id, section.id);
                shape.add_items(column.id, &column.items);
            }
            shape.columns.insert(section.id, columns);
        }
        shape
    }

    fn add_items(&mut self, holder: Id, items: &'a [Item]) {
        let ids = items.iter().map(|item| item.id).collect();
        for item in items {
            self.items.insert(item.id, (item, holder));
            self.print_order.push(item.id);
        }
        self.lists.insert(holder, ids);
    }

    /// The item with this id and where it sits.
    pub fn item(&self, id: Id) -> Option<(&'a Item, Id)> {
        self.items.get(&id).copied()
    }

    /// The items of a section or column (none when it has no such holder).
    pub fn list(&self, holder: Id) -> &[Id] {
        self.lists.get(&holder).map_or(&[], Vec::as_slice)
    }

    /// The columns of a section.
    pub fn columns_of(&self, section: Id) -> &[Id] {
        self.columns.get(&section).map_or(&[], Vec::as_slice)
    }

    /// Whether this id names a section here.
    pub fn is_section(&self, id: Id) -> bool {
        self.columns.contains_key(&id)
    }
}
