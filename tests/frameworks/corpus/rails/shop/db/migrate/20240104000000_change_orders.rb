class ChangeOrders < ActiveRecord::Migration[6.1]
  def change
    change_table :orders do |t|
      t.string :currency, limit: 3
      t.rename :total, :amount
      t.remove_references :owner, polymorphic: true
      t.change :amount, :decimal, precision: 14, scale: 2
      t.index :currency
    end
    reversible do |dir|
      dir.up do
        execute "ALTER TABLE orders ADD COLUMN legacy_code text"
      end
      dir.down { execute "ALTER TABLE orders DROP COLUMN legacy_code" }
    end
    rename_table :tags, :labels
    add_timestamps :labels, null: true
    drop_table :accounts
    change_column :users, :nickname, :text, null: false, default: ""
  end
end
