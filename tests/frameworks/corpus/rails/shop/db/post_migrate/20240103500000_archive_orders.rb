class ArchiveOrders < ActiveRecord::Migration[6.1]
  def change
    add_column :orders, :archived, :boolean, default: false, null: false
  end
end
